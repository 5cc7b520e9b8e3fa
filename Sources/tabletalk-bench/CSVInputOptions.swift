import ArgumentParser
import Foundation
import TableTalkSQLite

/// The CSV a benchmark works on: an existing file (`--file`), or the deterministic benchmark CSV of `--mb`
/// megabytes generated into the benchmark's work directory.
struct CSVInputOptions: ParsableArguments {
    @Option(help: "Size of the generated CSV in MB (10^6 bytes), when no --file is given.") var mb: Int = 100
    @Option(help: "Use this CSV instead of generating one (e.g. the output of `tabletalk-bench gen`).") var file: String?
    @Option(help: "Parent of the scratch directory (default: the system temporary directory).") var workDir: String?
    @Flag(help: "Keep the scratch directory (generated CSV, databases) instead of deleting it.") var keep = false

    /// Removes the scratch directory unless `--keep`.
    func cleanUp(_ dir: URL) {
        if keep { say("  kept \(dir.path)") } else { try? FileManager.default.removeItem(at: dir) }
    }

    /// The file and what is known of it.
    struct Input {
        var url: URL
        var bytes: Int64
        /// Data rows, when this run generated the file.
        var rows: Int?
    }

    func prepare(in workDir: URL) throws -> Input {
        if let file {
            let url = URL(fileURLWithPath: file)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
            say("  input: \(url.path) (\(size) bytes)")
            return Input(url: url, bytes: size, rows: nil)
        }
        let url = workDir.appendingPathComponent("bench-\(mb)mb.csv")
        let t0 = BenchClock.now()
        let (rows, bytes) = try BenchmarkCSVGenerator(targetBytes: Int64(mb) * 1_000_000).write(to: url)
        say(String(format: "  input: generated %@ (%lld bytes, %d rows) in %.1f s", url.path as NSString, bytes, rows, BenchClock.seconds(since: t0)))
        return Input(url: url, bytes: bytes, rows: rows)
    }
}

extension CSVInputOptions {
    /// A fresh scratch directory for one benchmark run.
    func makeWorkDir() throws -> URL {
        let url = workDir.map { URL(fileURLWithPath: $0).appendingPathComponent("tt-bench-\(UUID().uuidString.prefix(8))") }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tt-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
