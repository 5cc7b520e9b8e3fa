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
}
