import ArgumentParser
import Foundation

/// `tabletalk-bench mcp`: cold start of `tabletalk mcp` to the reply to a client's first request (process spawn,
/// configuration, runtime): the handshake revisions' `initialize` and 2026-07-28's `server/discover`. Against two
/// anchors measured in the same run: `cat` echoing the line (the cost of a process and a pipe round trip) and
/// `tabletalk stdio` answering its own `initialize`.
struct McpBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Cold start of `tabletalk mcp` to its initialize and server/discover replies (ms), with anchors.")

    @Option(help: "Starts measured per command (after one warm-up that creates the data directory).")
    var runs = 20

    @Option(help: "The tabletalk executable (default: next to this one).")
    var binary: String?

    func run() async throws {
        let exe = binary ?? URL(fileURLWithPath: ChildProcess.selfPath).deletingLastPathComponent().appendingPathComponent("tabletalk").path
        guard FileManager.default.isExecutableFile(atPath: exe) else { throw ValidationError("no tabletalk executable at \(exe)") }
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("tt-bench-mcp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let mcpInit = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"#
        let mcpDiscover = #"{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}"#
        let stdioInit = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0","clientInfo":{"name":"bench"}}}"#
        let cases: [(String, String, [String], String)] = [
            ("anchor: cat echo", "/bin/cat", [], mcpInit),
            ("tabletalk stdio initialize", exe, ["stdio", "--data-dir", data, "--log-level", "error"], stdioInit),
            ("tabletalk mcp initialize", exe, ["mcp", "--data-dir", data, "--log-level", "error"], mcpInit),
            ("tabletalk mcp server/discover", exe, ["mcp", "--data-dir", data, "--log-level", "error"], mcpDiscover),
        ]
        print("cold start to the first reply line, \(runs) runs each (ms)")
        for (label, path, args, line) in cases {
            _ = try Self.coldStart(path, args, line)  // warm-up: page cache, data directory
            var times: [Double] = []
            for _ in 0..<runs { times.append(try Self.coldStart(path, args, line)) }
            let stats = LatencyStats(times)
            let figures = String(format: "p50 %7.1f   p95 %7.1f   max %7.1f", stats.p50, stats.percentile(0.95), stats.sorted.last ?? 0)
            print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + figures)
        }
    }

    /// Milliseconds from spawning `path args` to reading its first reply line to `line`; then closes its stdin.
    static func coldStart(_ path: String, _ args: [String], _ line: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        var reply = Data()
        while !reply.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw ValidationError("\(path) closed its output before replying") }
            reply.append(chunk)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        guard reply.range(of: Data(#""id":1"#.utf8)) != nil else {
            throw ValidationError("\(path): unexpected reply \(String(decoding: reply, as: UTF8.self))")
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return elapsed
    }
}
