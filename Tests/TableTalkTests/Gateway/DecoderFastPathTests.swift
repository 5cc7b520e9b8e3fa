import Foundation
import TableTalkApp
import TableTalkBroker
@testable import TableTalkProtocol
import Testing

/// The decoder's fast path for common frames must answer exactly what the general (Foundation) path answers,
/// for every frame: hand-picked edge cases and thousands of mutations of them.
@Suite struct DecoderFastPathTests {
    static let seeds = [
        #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
        #" { "method" : "ping" , "id" : -9223372036854775808 , "jsonrpc" : "2.0" } "#,
        #"{"jsonrpc":"2.0","id":9223372036854775808,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":1e3,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":"a\"b\\c\/d","method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":"\u00e9","method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":"é✓😀","method":"ping","extra":{"deep":[1,2,{"x":null}]}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","id":2}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"p\u0069ng"}"#,
        #"{"jsonrpc":"2.0","id":1,"\u006dethod":"ping"}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","params":null}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","params":[]}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping","params":"x"}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"unknown.method","params":{"a":1}}"#,
        #"{"jsonrpc":"1.0","id":1,"method":"ping"}"#,
        #"{"id":1,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":"x","method":"monitoring.stats","params":{"windowSeconds":5}}"#,
        #"{"jsonrpc":"2.0","id":"x","method":"monitoring.stats","params":{"windowSeconds":"five"}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"query.run","params":{"sql":"select 1","maxRows":10}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"query.run","params":{}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"query.run"}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"query.run","params":{"sql":"select 'é\n\t'","maxRows":null}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"1.0","clientInfo":{"name":"f"}}}"#,
        #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}"#,
        #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"two"}}"#,
        #"{"jsonrpc":"2.0","method":"exit"}"#,
        #"{"jsonrpc":"2.0","id":5,"result":{}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping"} x"#,
        #"{"jsonrpc":"2.0","id":1,"method":"ping",}"#,
        #"{"jsonrpc":"2.0","id":01,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":-,"method":"ping"}"#,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"\u{1}\"}}",
    ]

    static var decoder: MessageDecoder {
        let registry = try! TestRuntime.make().broker.registry
        var requests: [String: any RPCRequest.Type] = [:]
        for name in registry.methodNames { requests[name] = registry.requestType(for: name) }
        var notifications: [String: any RPCNotification.Type] = [:]
        for name in registry.notificationNames { notifications[name] = registry.notificationType(for: name) }
        return MessageDecoder(types: MessageTypes(requests: requests, notifications: notifications))
    }

    /// A comparable rendering (JSON with sorted keys: dictionary order differs between two decodes).
    static func canonical(_ frame: MessageDecoder.Frame) -> String {
        func json(_ value: Any?) -> String {
            guard let value = value as? any Encodable else { return String(reflecting: value) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "unencodable \(value)"
        }
        func error(_ e: RPCError) -> String { "\(e.code.rawValue) \(e.message) \(json(e.data))" }
        func params(_ p: IncomingParams) -> String {
            switch p {
            case .typed(let v): return "typed \(type(of: v)) \(json(v))"
            case .raw(let v): return "raw \(json(v))"
            case .invalid(let e): return "invalid \(error(e))"
            }
        }
        func message(_ m: IncomingMessage) -> String {
            switch m {
            case .request(let id, let method, let p): return "request \(id) \(method) \(params(p))"
            case .notification(let method, let p): return "notification \(method) \(params(p))"
            case .response(let id, .success(let v)): return "response \(id) \(json(v))"
            case .response(let id, .failure(let e)): return "response \(id) \(error(e))"
            case .invalid(let id, let e): return "invalid \(String(describing: id)) \(error(e))"
            }
        }
        switch frame {
        case .parseError(let e): return "parse error \(error(e))"
        case .single(let m): return message(m)
        case .batch(let ms): return "batch " + ms.map(message).joined(separator: " | ")
        }
    }

    /// The fast path's answer for a frame, or nil when it declines (or the frame is not valid JSON).
    static func fast(_ decoder: MessageDecoder, _ data: Data) -> IncomingMessage? {
        guard case .valid(let env?, let fractional) = data.withUnsafeBytes({ EnvelopeScanner.scan($0) }), fractional.isEmpty
        else { return nil }
        guard let head = data.withUnsafeBytes({ MessageDecoder.commonHead($0, env) }) else { return nil }
        return decoder.decodeCommonShape(data, head)
    }

    /// What the general path answers for a frame that passed validation (invalid frames: what `decode` says,
    /// checked on its own in ``DecoderStrictTests``).
    static func general(_ decoder: MessageDecoder, _ data: Data) -> MessageDecoder.Frame {
        switch data.withUnsafeBytes({ EnvelopeScanner.scan($0) }) {
        case .valid(_, let fractional) where fractional.isEmpty: return decoder.decodeGeneral(data)
        case .valid(_, let fractional): return MessageDecoder.refusingFractionalIDs(decoder.decodeGeneral(data), at: fractional)
        default: return decoder.decode(data)
        }
    }

    @Test func handPickedFramesAgree() {
        let decoder = Self.decoder
        for seed in Self.seeds {
            let data = Data(seed.utf8)
            #expect(Self.canonical(decoder.decode(data)) == Self.canonical(Self.general(decoder, data)), "\(seed)")
        }
    }

    @Test func commonFramesTakeTheFastPath() {
        let decoder = Self.decoder
        for seed in [Self.seeds[0], Self.seeds[1], Self.seeds[8], Self.seeds[18], Self.seeds[20], Self.seeds[25]] {
            #expect(Self.fast(decoder, Data(seed.utf8)) != nil, "\(seed)")
        }
        for seed in [Self.seeds[7], Self.seeds[9], Self.seeds[10], Self.seeds[15], Self.seeds[28], Self.seeds[29]] {
            #expect(Self.fast(decoder, Data(seed.utf8)) == nil, "\(seed)")
        }
    }

    @Test func mutatedFramesAgree() {
        let decoder = Self.decoder
        var rng = FuzzTests.Rng(state: 2026)
        let alphabet = Array("{}[]\":,0123456789-.eEtruefalsnl \\u/\n\r\t".utf8) + [0, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        var fast = 0
        let common = [0, 1, 8, 18, 19, 20, 23, 24, 25].map { Self.seeds[$0] }
        for i in 0..<30_000 {
            // Even rounds: any seed, up to three edits. Odd rounds: a common frame with one edit (often still
            // valid JSON, so the fast path's own answers get compared, not only its fallbacks).
            let seed = i % 2 == 0 ? Self.seeds[(i / 2) % Self.seeds.count] : common[(i / 2) % common.count]
            var bytes = Array(seed.utf8)
            for _ in 0..<(i % 2 == 0 ? Int.random(in: 1...3, using: &rng) : 1) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: bytes.remove(at: at)
                }
            }
            let data = Data(bytes)
            if Self.fast(decoder, data) != nil { fast += 1 }
            let a = Self.canonical(decoder.decode(data)), b = Self.canonical(Self.general(decoder, data))
            #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
            if a != b { return }
        }
        // The mutations must exercise the fast path, not only the fallback.
        #expect(fast > 3_000)
    }
}
