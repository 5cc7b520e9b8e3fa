import Foundation
import TableTalkApp
import TableTalkBroker
@testable import TableTalkProtocol
import TableTalkTestSupport
import Testing

/// Strict JSON (issue 10): a frame that is not valid JSON is a -32700 whatever member the problem hides in,
/// nesting has a documented limit and costs time linear in size, messages are plain words, and ids such as
/// `1.0` are refused rather than echoed changed.
@Suite struct DecoderStrictTests {
    /// Valid requests with something invalid in a member the server never reads (Foundation accepted these).
    static let invalidInUnreadMembers = [
        #"{"jsonrpc":"2.0","id":1,"method":"ping","extra":[1,2,]}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","extra":{"a":1,}}"#,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"extra\":\"tab\there\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"extra\":\"nul\u{0}\"}",
        #"{"jsonrpc":"2.0","id":1,"method":"ping","extra":1.}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","extra":01}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","extra":"\x"}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"monitoring.stats","params":{"windowSeconds":5,"other":[,]}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping",}"#,
        #"[{"jsonrpc":"2.0","id":1,"method":"ping"},]"#,
    ]

    static var decoder: MessageDecoder { DecoderFastPathTests.decoder }

    func isParseError(_ frame: MessageDecoder.Frame) -> Bool {
        if case .parseError(let e) = frame { return e.code == .parseError }
        return false
    }

    @Test func invalidJSONInAnUnreadMemberIsAParseError() {
        let decoder = Self.decoder
        for text in Self.invalidInUnreadMembers {
            #expect(isParseError(decoder.decode(Data(text.utf8))), "\(text)")
        }
        // Invalid UTF-8 (a lone continuation byte, an overlong form, a surrogate) in an unread string.
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF]] {
            let frame = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","extra":""#.utf8) + bad + Array(#""}"#.utf8)
            #expect(isParseError(decoder.decode(Data(frame))), "\(bad)")
        }
    }

    /// Seeded and bounded: invalid fragments spliced into an unread member of valid frames are always refused.
    @Test func fuzzedInvalidFragmentsAreAlwaysParseErrors() {
        let decoder = Self.decoder
        var rng = FuzzTests.Rng(state: 1010)
        let fragments: [[UInt8]] = [
            Array("[1,]".utf8), Array("{\"a\":2,}".utf8), Array("1.".utf8), Array("-".utf8), Array("1e".utf8),
            Array("\"a\u{1}b\"".utf8), Array("\"\u{1F}\"".utf8), [0x22, 0xC3, 0x28, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
            Array("tru".utf8), Array("nul".utf8), Array("[1 2]".utf8), Array("{\"a\" 1}".utf8), Array("\"\\u12\"".utf8),
        ]
        let shells = [
            (#"{"jsonrpc":"2.0","id":7,"method":"ping","x":"#, "}"),
            (#"{"jsonrpc":"2.0","id":7,"method":"monitoring.stats","params":{"windowSeconds":5,"x":"#, "}}"),
            (#"{"x":"#, #","jsonrpc":"2.0","id":7,"method":"ping"}"#),
            (#"[{"jsonrpc":"2.0","id":7,"method":"ping"},{"jsonrpc":"2.0","id":8,"method":"ping","x":["#, "]}]"),
        ]
        for _ in 0..<5_000 {
            let (head, tail) = shells.randomElement(using: &rng)!
            var nested = fragments.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 0...3, using: &rng) { nested = Array("[".utf8) + nested + Array("]".utf8) }
            let frame = Data(Array(head.utf8) + nested + Array(tail.utf8))
            let result = decoder.decode(frame)
            #expect(isParseError(result), "\(String(decoding: frame, as: UTF8.self))")
            if !isParseError(result) { return }
        }
    }

    /// The validator is never more lenient than Foundation: whatever it lets through, JSONSerialization parses.
    @Test func whatPassesValidationIsJSON() {
        let decoder = Self.decoder
        for frame in FuzzTests.mutations(count: 6_000, seed: 314) {
            if !isParseError(decoder.decode(frame)) {
                #expect((try? JSONSerialization.jsonObject(with: frame, options: [.fragmentsAllowed])) != nil,
                    "\(String(decoding: frame, as: UTF8.self))")
            }
        }
    }

    @Test func nestingUpToTheLimitIsAcceptedAndDeeperIsRefusedPlainly() {
        let decoder = Self.decoder
        func frame(depth: Int) -> Data {
            // The top-level object is one level, each bracket one more.
            let inner = String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1)
            return Data(#"{"jsonrpc":"2.0","id":1,"method":"ping","x":\#(inner.isEmpty ? "0" : inner)}"#.utf8)
        }
        for depth in 1...EnvelopeScanner.maxDepth {
            let accepted = decoder.decode(frame(depth: depth))
            if case .single(.request(_, "ping", _)) = accepted {} else {
                Issue.record("a frame \(depth) levels deep must be accepted: \(DecoderFastPathTests.canonical(accepted))")
            }
        }
        guard case .parseError(let e) = decoder.decode(frame(depth: EnvelopeScanner.maxDepth + 1)) else {
            Issue.record("a frame deeper than the limit must be refused")
            return
        }
        #expect(e.message.contains("\(EnvelopeScanner.maxDepth) levels"))
    }

    /// A 500-deep kilobyte frame cost ~0.8 s of CPU; deep frames now cost time linear in their size.
    @Test func deepFramesCostTimeLinearInSize() {
        let decoder = Self.decoder
        let start = ContinuousClock.now
        for depth in [500, 5_000, 200_000] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let frame = Data(#"{"jsonrpc":"2.0","id":1,"method":"ping","x":\#(deep)}"#.utf8)
            #expect(isParseError(decoder.decode(frame)))
        }
        // A wide frame of many subtrees at the limit: validated once, decoded once.
        let subtree = String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100)
        let wide = Data(#"{"jsonrpc":"2.0","id":1,"method":"ping","x":[\#(Array(repeating: subtree, count: 200).joined(separator: ","))]}"#.utf8)
        if case .single(.request) = decoder.decode(wide) {} else { Issue.record("the wide frame is valid") }
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func parseErrorsSayWhatIsWrongInPlainWords() {
        let decoder = Self.decoder
        let cases = [
            (#"{"jsonrpc":"2.0","id":1,"method":"ping","x":[1,]}"#, "trailing comma"),
            (#"{"jsonrpc":"2.0","id":1,"method":"ping","x":1.}"#, "decimal point"),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"\u{1}\"}", "control character"),
            (#"{"jsonrpc":"2.0","id":1,"method":"ping"} x"#, "more text"),
        ]
        for (text, words) in cases {
            guard case .parseError(let e) = decoder.decode(Data(text.utf8)) else {
                Issue.record("\(text) must be a parse error")
                continue
            }
            #expect(e.message.contains(words), "\(e.message)")
        }
    }

    @Test func paramsErrorsNeverNameSwiftInternals() {
        let decoder = Self.decoder
        for frame in FuzzTests.mutations(count: 4_000, seed: 2718) + DecoderFastPathTests.seeds.map({ Data($0.utf8) }) {
            var messages: [String] = []
            switch decoder.decode(frame) {
            case .parseError(let e): messages = [e.message]
            case .single(let m): messages = Self.errorMessages(m)
            case .batch(let ms): messages = ms.flatMap(Self.errorMessages)
            }
            for m in messages {
                #expect(!m.contains("Foundation") && !m.contains("JSONError") && !m.contains("Swift."), "\(m)")
            }
        }
    }

    static func errorMessages(_ m: IncomingMessage) -> [String] {
        switch m {
        case .invalid(_, let e): return [e.message]
        case .request(_, _, .invalid(let e)), .notification(_, .invalid(let e)): return [e.message]
        default: return []
        }
    }

    @Test(arguments: ["1.0", "1e0", "-2.50", "1E+2"])
    func fractionalIdsAreRefusedNotEchoedChanged(_ id: String) async throws {
        let rt = try TestRuntime.make()
        let client = try await TestClient.initialized(broker: rt.broker)
        await client.sendRaw(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#)
        await client.sendRaw(#"[{"jsonrpc":"2.0","id":"ok","method":"ping"},{"jsonrpc":"2.0","id":\#(id),"method":"ping"}]"#)
        let single = try await client.sink.first { $0["error"]?["code"] == -32600 }
        #expect(single["id"] == .null)
        #expect(single["error"]?["message"]?.stringValue?.contains("fraction") == true)
        let batch = try await client.sink.first { $0.arrayValue != nil }
        let replies = try #require(batch.arrayValue)
        #expect(replies.count == 2)
        #expect(replies[0]["id"] == "ok" && replies[0]["result"] != nil)
        #expect(replies[1]["id"] == .null && replies[1]["error"]?["code"] == -32600)
        // Nothing was answered with a changed id.
        #expect(await client.sink.messages.allSatisfy { $0["id"] != 1 && $0["id"] != 100 && $0["id"] != -2 })
    }
}
