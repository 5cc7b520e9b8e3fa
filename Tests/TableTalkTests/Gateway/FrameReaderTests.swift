import Foundation
import Testing
import TableTalkProtocol
import TableTalkStdio

/// stdio framing: detection, split and joined frames, bad headers, oversized and truncated frames.
@Suite struct FrameReaderTests {
    func frames(_ events: [FrameReader.Event]) -> [String] {
        events.compactMap { if case .frame(let d) = $0 { String(decoding: d, as: UTF8.self) } else { nil } }
    }
    func errors(_ events: [FrameReader.Event]) -> [Int] {
        events.compactMap { if case .error(let e) = $0 { e.code.rawValue } else { nil } }
    }

    @Test func newlineFramingAcrossArbitraryChunks() {
        var r = FrameReader()
        let text = "{\"a\":1}\n\n{\"b\":2}\r\n[1]\n"
        var events: [FrameReader.Event] = []
        for byte in Data(text.utf8) { events += r.push(Data([byte])) }
        #expect(r.framing == .newline)
        #expect(frames(events) == ["{\"a\":1}", "{\"b\":2}\r", "[1]"])
    }

    @Test func contentLengthFramingWithExtraHeaders() {
        var r = FrameReader()
        let body = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        let text = "Content-Length: \(body.utf8.count)\r\nContent-Type: application/json\r\n\r\n\(body)Content-Length: 2\r\n\r\n{}"
        let events = r.push(Data(text.utf8))
        #expect(r.framing == .contentLength)
        #expect(frames(events) == [body, "{}"])
    }

    @Test func badHeaderIsAnErrorAndTheNextFrameStillParses() {
        var r = FrameReader()
        let events = r.push(Data("Content-Length: abc\r\n\r\nContent-Length: 2\r\n\r\n{}".utf8))
        #expect(errors(events) == [-32700])
        #expect(frames(events) == ["{}"])
    }

    @Test func oversizedFramesAreRefusedAndSkipped() {
        var r = FrameReader(maxFrameBytes: 10)
        let big = String(repeating: "x", count: 50)
        var events = r.push(Data("Content-Length: 50\r\n\r\n\(big)Content-Length: 2\r\n\r\n{}".utf8))
        #expect(errors(events) == [-32011])
        #expect(frames(events) == ["{}"])
        var n = FrameReader(maxFrameBytes: 10)
        events = n.push(Data("{\"a\":\"\(big)\"}\n{}\n".utf8))
        #expect(errors(events) == [-32011])
        #expect(frames(events) == ["{}"])
    }

    @Test func truncatedFrameAtEndOfInputIsReported() {
        var r = FrameReader()
        _ = r.push(Data("Content-Length: 40\r\n\r\n{\"jsonrpc\"".utf8))
        #expect(errors(r.finish()) == [-32700])
    }

    // MARK: - Resynchronisation (issue 10: one bad frame made every later frame a -32700)

    static func frame(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n\(body)" }
    static let a = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
    static let b = #"{"jsonrpc":"2.0","id":2,"method":"ping"}"#

    /// The events for `text` pushed at once and pushed one byte at a time must agree.
    func readAll(_ text: String) -> [FrameReader.Event] {
        var whole = FrameReader()
        let once = whole.push(Data(text.utf8)) + whole.finish()
        var split = FrameReader()
        var bytewise: [FrameReader.Event] = []
        for byte in Data(text.utf8) { bytewise += split.push(Data([byte])) }
        bytewise += split.finish()
        #expect(frames(once) == frames(bytewise))
        #expect(errors(once) == errors(bytewise))
        return once
    }

    @Test(arguments: [
        ("stray bytes", "xyz"),
        ("stray line", "hello there\r\n"),
        ("header without Content-Length", "Content-Type: application/json\r\n\r\n{\"x\":1}"),
        ("Content-Length not a number", "Content-Length: abc\r\n\r\n{}"),
        ("length running into the next header", "Content-Length: 500\r\n\r\n{}"),
        ("garbage without any line end", String(repeating: "junk", count: 3000)),
    ])
    func aBadFrameIsOneErrorAndLaterFramesParse(_ name: String, _ bad: String) {
        let events = readAll(Self.frame(Self.a) + bad + Self.frame(Self.b) + Self.frame(Self.a))
        #expect(errors(events) == [-32700], "\(name)")
        #expect(frames(events) == [Self.a, Self.b, Self.a], "\(name)")
    }

    @Test func aLengthTooShortLosesOnlyThatFrame() {
        let events = readAll("Content-Length: 3\r\n\r\n" + Self.a + Self.frame(Self.b) + Self.frame(Self.a))
        // The first 3 bytes go out as a (broken) frame; the rest of it is skipped up to the next header.
        #expect(frames(events) == [String(Self.a.prefix(3)), Self.b, Self.a])
        #expect(errors(events) == [-32700])
    }

    @Test func randomBadFramesNeverLoseAGoodOne() {
        var rng = FuzzTests.Rng(state: 10)
        let bad = [
            { (r: inout FuzzTests.Rng) in String(repeating: "z", count: Int.random(in: 1...40, using: &r)) },
            { (r: inout FuzzTests.Rng) in "X-Junk: 1\r\n\r\n{\"a\":[1,2]}" },
            { (r: inout FuzzTests.Rng) in "Content-Length: \(Int.random(in: 200...400, using: &r))\r\n\r\n{\"partial\":" },
            { (r: inout FuzzTests.Rng) in "Content-Length: -4\r\n\r\n" },
            { (r: inout FuzzTests.Rng) in "\u{0}\u{1}\r\n\r\n" },
        ]
        for round in 0..<40 {
            var text = "", expected: [String] = [], badCount = 0
            for k in 0..<20 {
                if k > 0 && Int.random(in: 0..<3, using: &rng) == 0 {
                    text += bad[Int.random(in: 0..<bad.count, using: &rng)](&rng)
                    badCount += 1
                }
                let body = #"{"jsonrpc":"2.0","id":"\#(round)-\#(k)","method":"ping"}"#
                text += Self.frame(body)
                expected.append(body)
            }
            var reader = FrameReader()
            var events: [FrameReader.Event] = []
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let n = Int.random(in: 1...64, using: &rng)
                events += reader.push(Data(bytes.prefix(n)))
                bytes = bytes.dropFirst(n)
            }
            events += reader.finish()
            #expect(frames(events) == expected, "round \(round)")
            #expect(errors(events).count == badCount, "round \(round)")
        }
    }

    // MARK: - Linear newline framing (issue 10: an 8 MiB line took 16 s)

    @Test func aLongLineCostsAboutWhatTheSameFrameWithContentLengthCosts() {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 8 << 20) + #""}}"#
        func time(_ text: Data) -> (Duration, Int) {
            var reader = FrameReader()
            var count = 0
            let start = ContinuousClock.now
            var offset = 0
            while offset < text.count {
                let end = min(offset + (1 << 16), text.count)
                count += frames(reader.push(text[offset..<end])).count
                offset = end
            }
            return (ContinuousClock.now - start, count)
        }
        let (line, n1) = time(Data((body + "\n").utf8))
        let (framed, n2) = time(Data(Self.frame(body).utf8))
        #expect(n1 == 1 && n2 == 1)
        // Quadratic rescanning took tens of seconds here; linear reading is well under one.
        #expect(line < .seconds(2), "newline: \(line), Content-Length: \(framed)")
        #expect(line < framed * 4 + .milliseconds(300), "newline: \(line), Content-Length: \(framed)")
    }
}
