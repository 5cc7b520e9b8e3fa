import Foundation
import Synchronization
import TableTalkProtocol

/// The real `tabletalk` binary in a child process, with its stdout and stderr read on threads.
final class ServerProcess: Sendable {
    let process: Process
    let stdin: FileHandle
    let dataDir: URL
    /// Lines of stdout (stdio mode: protocol messages).
    let stdoutLines = LineQueue()
    private let stderrText = Mutex("")

    /// Starts `tabletalk <arguments> --data-dir <fresh dir>`.
    init(_ arguments: [String], dataDir: URL = PackagePaths.tempDir("tt-data"), environment: [String: String] = [:]) throws {
        self.dataDir = dataDir
        process = Process()
        process.executableURL = PackagePaths.tabletalk
        process.arguments = arguments + ["--data-dir", dataDir.path]
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        stdin = inPipe.fileHandleForWriting
        try process.run()
        let out = stdoutLines
        Self.readLines(outPipe.fileHandleForReading) { line in out.push(line) } onEnd: { out.finish() }
        Self.readLines(errPipe.fileHandleForReading) { [self] line in self.stderrText.withLock { $0 += line + "\n" } } onEnd: {}
    }

    var stderr: String { stderrText.withLock { $0 } }

    /// Waits (polling the captured stderr; a guard, not a timing assertion) for the URL `serve` prints.
    func servedURL() async throws -> URL {
        for _ in 0..<600 {
            if let range = stderr.range(of: #"http://[^\s]+"#, options: .regularExpression) {
                return URL(string: String(stderr[range]))!
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TranscriptPlayer.Mismatch(description: "serve printed no URL; stderr: \(stderr)")
    }

    func write(_ text: String) throws {
        try stdin.write(contentsOf: Data(text.utf8))
    }

    func closeInput() { try? stdin.close() }

    func terminate() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Waits for the process to end and returns its exit status.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { c in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                c.resume(returning: self.process.terminationStatus)
            }
        }
    }

    private static func readLines(_ handle: FileHandle, _ onLine: @escaping @Sendable (String) -> Void, onEnd: @escaping @Sendable () -> Void) {
        let t = Thread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let nl = buffer.firstIndex(of: 0x0A) {
                    onLine(String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self))
                    buffer = Data(buffer[(nl + 1)...])
                }
            }
            if !buffer.isEmpty { onLine(String(decoding: buffer, as: UTF8.self)) }
            onEnd()
        }
        t.start()
    }
}
