import Foundation
import Testing
import TableTalkCore
import TableTalkSQLite

/// Opt-in benchmark, for a release build:
/// `TT_BENCH_MB=100 swift test -c release -Xswiftc -enable-testing --filter IngestBenchmark`.
/// Generates the benchmark CSV, ingests it typed, times `sqlite3` CLI `.import` of the same file into an untyped
/// table (skipped with `TT_BENCH_SKIP_CLI=1`), then a group-by through ``SQLiteEngine`` versus the CLI on the same
/// database file, and prints the numbers and the process's peak RSS.
@Suite struct IngestBenchmarkTests {
    static let env = ProcessInfo.processInfo.environment
    static let groupBy =
        "SELECT region, category, count(*), sum(amount), avg(quantity), max(order_date) FROM bench GROUP BY 1, 2 ORDER BY 1, 2"

    @Test(.enabled(if: env["TT_BENCH_MB"] != nil))
    func ingestVersusSQLiteCLI() async throws {
        let mb = Int64(Self.env["TT_BENCH_MB"] ?? "100") ?? 100
        if let out = Self.env["TT_BENCH_WRITE_CSV"] {  // only write the file (for profiling runs)
            try BenchmarkCSVGenerator(targetBytes: mb * 1_000_000).write(to: URL(fileURLWithPath: out))
            return
        }
        let dir = URL(fileURLWithPath: Self.env["TT_BENCH_DIR"] ?? NSTemporaryDirectory())
            .appendingPathComponent("tt-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = dir.appendingPathComponent("bench.csv")
        var (rows, bytes) = (0, Int64(0))
        if let existing = Self.env["TT_BENCH_CSV"] {  // reuse a generated file (profiling)
            csv = URL(fileURLWithPath: existing)
        } else {
            (rows, bytes) = try BenchmarkCSVGenerator(targetBytes: mb * 1_000_000).write(to: csv)
        }
        let rssBefore = Self.peakRSSMiB()
        let ingestor = SQLiteIngestor(dataDirectory: dir, configuration: SQLiteConfiguration(rawFiles: .none))
        let t0 = Date()
        let report = try await ingestor.ingest(file: csv, table: "bench", sourceName: "bench.csv", for: .local) { _ in }
        let typed = Date().timeIntervalSince(t0)
        #expect(rows == 0 || report.table.rowCount == rows)
        print("BENCH ingest: \(bytes) bytes, \(rows) rows; typed ingest \(Self.f(typed)) s; peak RSS \(rssBefore) → \(Self.peakRSSMiB()) MiB")
        print("BENCH types: " + report.table.columns.map { "\($0.name)=\($0.type.rawValue)" }.joined(separator: " "))
        if Self.env["TT_BENCH_SKIP_CLI"] == nil {
            let cli = try Self.sqlite3([dir.appendingPathComponent("cli.sqlite").path, ".mode csv", ".import \(csv.path) cli"])
            print("BENCH sqlite3 .import (untyped): \(Self.f(cli)) s; typed/CLI = \(Self.f(typed / cli))")
        }
        if Self.env["TT_BENCH_SKIP_QUERY"] != nil { return }
        let engine = SQLiteEngine(dataDirectory: dir, configuration: SQLiteConfiguration(resultCacheEntries: 0))
        let db = SQLiteLayout(dataDirectory: dir).tablesDatabase(for: .local).path
        var ours: [Double] = []
        var theirs: [Double] = []
        for _ in 0..<4 {  // interleaved, so both see the same machine load and checkpoint state
            let t0 = Date()
            _ = try await engine.run(Self.groupBy, for: .local, options: QueryOptions(maxRows: 1000), cancellation: nil)
            ours.append(Date().timeIntervalSince(t0))
            theirs.append(try Self.sqlite3([db, Self.groupBy]))
        }
        print(
            "BENCH group-by: engine best \(Self.f(ours.min()!)) s; sqlite3 CLI best \(Self.f(theirs.min()!)) s "
                + "(CLI time includes process start); engine/CLI = \(Self.f(ours.min()! / theirs.min()!))")
    }

    static func f(_ x: Double) -> String { String(format: "%.3f", x) }

    static func peakRSSMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    static func sqlite3(_ args: [String]) throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        let t0 = Date()
        try p.run()
        p.waitUntilExit()
        return Date().timeIntervalSince(t0)
    }
}
