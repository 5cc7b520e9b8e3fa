import ArgumentParser
import Foundation
import TableTalkCore
import TableTalkSQLite

/// `tabletalk-bench query`: a group-by over the ingested benchmark table through ``SQLiteEngine/run`` (result cache
/// disabled, so every run executes) against the same SQL in the `sqlite3` shell on the same database file, alternating.
struct QueryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "SQLiteEngine.run of a group-by vs the same SQL in sqlite3, same database file.")

    static let groupBy =
        "SELECT region, category, count(*), sum(amount), avg(quantity), max(order_date) FROM bench GROUP BY 1, 2 ORDER BY 1, 2"

    @OptionGroup var input: CSVInputOptions
    @Option(help: "Measured runs of each side (after one warm-up run each).") var runs: Int = 5
    @Option(help: "The query (over table `bench`).") var sql: String = Self.groupBy

    func run() async throws {
        guard SQLiteCLI.isAvailable else { throw BenchFailure("sqlite3 not found at \(SQLiteCLI.path) (apt-get install sqlite3)") }
        let work = try input.makeWorkDir()
        defer { input.cleanUp(work) }
        say("TableTalk query benchmark (\(BenchClock.machine())); anchor = the same SQL in the sqlite3 CLI on the same file")
        let csv = try input.prepare(in: work)
        let dataDir = work.appendingPathComponent("data")
        let (ingest, _) = try IngestOnceResult.spawn(file: csv.url, dataDir: dataDir)
        let db = SQLiteLayout(dataDirectory: dataDir).tablesDatabase(for: .local).path
        _ = try SQLiteCLI.run([db, "PRAGMA wal_checkpoint(TRUNCATE);"])
        let dbMB = Double((try FileManager.default.attributesOfItem(atPath: db)[.size] as? NSNumber)?.int64Value ?? 0) / 1e6
        say(String(format: "  table bench: %d rows, database %.0f MB (ingested in %.2f s, WAL checkpointed)", ingest.rows, dbMB, ingest.seconds))
        say("  sql: \(sql)")
        say("  engine: SQLiteEngine with resultCacheEntries = 0 (result cache disabled; every run executes the query)")

        let engine = SQLiteEngine(dataDirectory: dataDir, configuration: SQLiteConfiguration(resultCacheEntries: 0))
        let options = QueryOptions(maxRows: 100_000, timeout: .seconds(600))
        // Warm-up (not counted): the OS page cache holds the file for both sides afterwards.
        let first = try await engine.run(sql, for: .local, options: options, cancellation: nil)
        let cliFirst = try SQLiteCLI.run([db], input: ".timer on\n\(sql);\n")
        let cliRows = cliFirst.stdout.split(separator: "\n").filter { !$0.hasPrefix("Run Time:") }.count
        say("  rows: engine \(first.rowCount), sqlite3 \(cliRows)\(first.rowCount == cliRows ? "" : "  (MISMATCH)")")

        var ours: [Double] = [], oursReported: [Double] = [], timer: [Double] = [], wall: [Double] = [], startup: [Double] = []
        for run in 1...max(runs, 1) {
            let order = run % 2 == 1 ? [true, false] : [false, true]
            var parts: [String] = []
            for oursTurn in order {
                if oursTurn {
                    let t0 = BenchClock.now()
                    let r = try await engine.run(sql, for: .local, options: options, cancellation: nil)
                    let s = BenchClock.seconds(since: t0)
                    guard !r.cached else { throw BenchFailure("the engine answered from its cache") }
                    ours.append(s)
                    oursReported.append(r.elapsedMs / 1000)
                    parts.append(String(format: "engine.run %.3f s (elapsedMs %.0f)", s, r.elapsedMs))
                } else {
                    let r = try SQLiteCLI.run([db], input: ".timer on\n\(sql);\n")
                    let start = try SQLiteCLI.run([db], input: "SELECT 1;\n")
                    guard let real = SQLiteCLI.timerReal(in: r.stdout) else { throw BenchFailure("no .timer output from sqlite3") }
                    timer.append(real)
                    wall.append(r.seconds)
                    startup.append(start.seconds)
                    parts.append(
                        String(
                            format: "sqlite3 .timer real %.3f s (process %.3f s; a bare `SELECT 1` process %.3f s)", real, r.seconds,
                            start.seconds))
                }
            }
            say("  run \(run): " + parts.joined(separator: " | "))
        }
        let o = TimingStats(ours), t = TimingStats(timer)
        let net = TimingStats(zip(wall, startup).map { max($0 - $1, 0) })
        sayRow("SQLiteEngine.run (wall, in process)", o.text)
        sayRow("SQLiteEngine.run (its elapsedMs)", TimingStats(oursReported).text)
        sayRow("sqlite3 .timer real (statement only)", t.text)
        sayRow("sqlite3 process wall − bare process wall", net.text)
        sayRow("engine / sqlite3 .timer", TimingStats.ratio(o, t, goal: 1.2))
        sayRow("engine / sqlite3 process − startup", TimingStats.ratio(o, net, goal: 1.2))
    }
}
