import Foundation
import Synchronization
import Testing

/// Back-pressure on stdio (issue 10: 149 MB written without reading the replies grew the server to 179 MB):
/// a client that writes requests and never reads its replies holds the server's work, not its memory.
@Suite struct StdioBackpressureTests {
    /// Resident memory of a process, in bytes (Linux `/proc/<pid>/status`).
    static func rss(_ pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    @Test func aClientThatDoesNotReadItsRepliesStopsTheServerReading() async throws {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = PackagePaths.tabletalk
        process.arguments = ["stdio", "--data-dir", PackagePaths.tempDir("tt-bp").path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let stdin = input.fileHandleForWriting.fileDescriptor, stdout = output.fileHandleForReading.fileDescriptor

        // Start the session and wait for its reply, so the baseline is taken from a running server.
        let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"1.0"}}"# + "\n"
        _ = initialize.utf8CString.withUnsafeBufferPointer { write(stdin, $0.baseAddress, $0.count - 1) }
        var byte: UInt8 = 0
        while read(stdout, &byte, 1) == 1 && byte != 0x0A {}
        let baseline = Self.rss(process.processIdentifier)

        // Write ~4 MiB of pings (about 90,000 requests) from a thread, never reading a reply.
        let requests = 90_000
        let text = (1...requests).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }.joined(separator: "\n") + "\n"
        let payload = Array(text.utf8)
        let written = Atomic<Int>(0)
        let writer = Thread {
            payload.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(stdin, raw.baseAddress! + offset, min(1 << 16, raw.count - offset))
                    if n <= 0 { break }
                    offset += n
                    written.store(offset, ordering: .relaxed)
                }
            }
        }
        writer.start()

        // Wait until the client's writes stall (the server stopped reading), bounded in time.
        var last = -1, still = 0
        for _ in 0..<150 where still < 8 {
            try await Task.sleep(for: .milliseconds(100))
            let now = written.load(ordering: .relaxed)
            still = now == last ? still + 1 : 0
            last = now
        }
        let held = written.load(ordering: .relaxed)
        let grown = Self.rss(process.processIdentifier) - baseline
        #expect(held < payload.count / 2, "the server read \(held) of \(payload.count) bytes nobody was reading replies for")
        #expect(grown < 24 << 20, "the server grew by \(grown >> 20) MiB")

        // Once the client reads, the server reads on and answers every request.
        let replies = Atomic<Int>(0)
        let reader = Thread {
            var buf = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buf.withUnsafeMutableBytes { read(stdout, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                replies.add(buf[0..<n].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, ordering: .relaxed)
            }
        }
        reader.start()
        for _ in 0..<600 where written.load(ordering: .relaxed) < payload.count {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(written.load(ordering: .relaxed) == payload.count)
        try input.fileHandleForWriting.close()
        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning && process.terminationStatus == 0)
        for _ in 0..<100 where replies.load(ordering: .relaxed) < requests { try await Task.sleep(for: .milliseconds(20)) }
        #expect(replies.load(ordering: .relaxed) == requests)
    }
}
