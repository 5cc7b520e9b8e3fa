import Foundation
import Logging
import MCP
import Testing
import TableTalkApp
import TableTalkMCP
import TableTalkProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// `tabletalk mcp`'s stdio transport: newline framing, the line limit, and replies to everything read before end of
/// input.
@Suite struct LineTransportTests {
    static func pipePair() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        return (fds[0], fds[1])
    }

    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count { offset += max(0, bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }) }
    }

    /// Reads lines from `fd` until `count` arrived (or end of file).
    static func readLines(_ fd: Int32, count: Int) -> [JSONValue] {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while data.split(separator: 0x0A).count < count {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0)) }
    }

    /// ``readLines(_:count:)`` on a thread of its own: a blocking read on the cooperative pool (two threads on a
    /// two-core machine) could starve the server it waits for when suites run in parallel.
    static func readLinesOffThePool(_ fd: Int32, count: Int) async -> [JSONValue] {
        await withCheckedContinuation { done in
            Thread { done.resume(returning: readLines(fd, count: count)) }.start()
        }
    }

    @Test func everyRequestReadBeforeEndOfInputIsAnsweredAndOverlongLinesAreParseErrors() async throws {
        let h = try await MCPHarness()
        let (inRead, inWrite) = Self.pipePair()
        let (outRead, outWrite) = Self.pipePair()
        let transport = LineTransport(input: inRead, output: outWrite, maxLineBytes: 1000, logger: Logger(label: "t"))
        let face = TableTalkMCPServer(broker: h.runtime.broker, version: "test", logger: Logger(label: "t"))
        let served = Task { try await face.run(transport: transport) }
        let long = "SELECT '" + String(repeating: "x", count: 2000) + "'"
        Self.write(
            inWrite,
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
                + "\n\n" + #"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\r\n"
                + #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"run_sql","arguments":{"sql":"\#(long)"}}}"# + "\n"
                + #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"run_sql","arguments":{"sql":"SELECT 41 + 1"}}}"#)
        close(inWrite)  // end of input right after the last request (no trailing newline)
        let replies = await Self.readLinesOffThePool(outRead, count: 3)
        try await served.value  // the server ends once everything read was answered
        #expect(replies.count == 3)
        #expect(replies.contains { $0["id"] == .int(1) && $0["result"] != nil })
        #expect(replies.contains { $0["id"] == .null && $0["error"]?["code"] == .int(-32700) })
        #expect(replies.first { $0["id"] == .int(3) }?["result"]?["structuredContent"]?["rows"] == [[42]])
        close(outRead)
        close(outWrite)
        close(inRead)
    }
}
