import Foundation

/// Runs the `sqlite3` command-line shell (the anchor of the ingest and query benchmarks) and times it.
enum SQLiteCLI {
    struct Run {
        /// Wall time from spawn to exit.
        var seconds: Double
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static var path: String {
        ProcessInfo.processInfo.environment["TT_BENCH_SQLITE3"] ?? "/usr/bin/sqlite3"
    }

    /// True when the shell is installed.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// `sqlite3 ARGS...` (with `input` on standard input, as the shell reads a script); throws when it exits non-zero.
    static func run(_ args: [String], input: String? = nil) throws -> Run {
        let r = try ChildProcess.run(path, args, input: input)
        guard r.status == 0 else {
            throw BenchFailure("sqlite3 \(args.joined(separator: " ")) exited with \(r.status): \(r.stderr.prefix(500))")
        }
        return r
    }

    /// The `real` seconds of the last `Run Time: real X user Y sys Z` line that `.timer on` printed (the shell
    /// prints them only for statements it reads from its input, not for statements given as arguments).
    static func timerReal(in output: String) -> Double? {
        output.split(separator: "\n").last { $0.hasPrefix("Run Time: real ") }
            .flatMap { $0.split(separator: " ").dropFirst(3).first }
            .flatMap { Double($0) }
    }
}

/// Spawns a process, collects its output and times it.
enum ChildProcess {
    static func run(_ executable: String, _ args: [String], input: String? = nil) throws -> SQLiteCLI.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = input.map { _ in Pipe() }
        p.standardInput = stdin ?? FileHandle.nullDevice
        let t0 = BenchClock.now()
        try p.run()
        if let stdin, let input {
            try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Drain stderr on another thread so a chatty child cannot block on a full pipe.
        let errData = AsyncBox<Data>()
        Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let seconds = BenchClock.seconds(since: t0)
        return SQLiteCLI.Run(
            seconds: seconds, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self), status: p.terminationStatus)
    }

    /// This executable (to run hidden helper subcommands in a child process).
    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// A value handed from one thread to another once.
final class AsyncBox<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: T?

    func set(_ v: T) {
        condition.lock()
        value = v
        condition.signal()
        condition.unlock()
    }

    func wait() -> T {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}

/// A benchmark that could not run as intended.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
