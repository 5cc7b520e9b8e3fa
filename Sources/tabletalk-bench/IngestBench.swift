import ArgumentParser
import Foundation

/// `tabletalk-bench ingest`: typed ingest through ``SQLiteIngestor`` (each run in a fresh child process, so its peak
/// RSS is attributable) against the `sqlite3` shell's `.import` of the same file into an untyped table, alternating.
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Typed CSV ingest vs sqlite3 .import (untyped) of the same file.")

    @OptionGroup var input: CSVInputOptions
    @Option(help: "Measured runs of each side.") var runs: Int = 3
    @Option(help: "Peak RSS goal of our ingest, MiB.") var rssGoal: Double = 300
    @Flag(help: "Skip the sqlite3 anchor (memory check only).") var noCli = false

    func run() async throws {
        let work = try input.makeWorkDir()
        defer { input.cleanUp(work) }
        say("TableTalk ingest benchmark (\(BenchClock.machine())); anchor = sqlite3 \(noCli ? "(skipped)" : "CLI .mode csv + .import into an untyped table, same file")")
        let csv = try input.prepare(in: work)
        let useCLI = !noCli && SQLiteCLI.isAvailable
        if !noCli && !useCLI { say("  sqlite3 not found at \(SQLiteCLI.path); anchor skipped (apt-get install sqlite3)") }

        var ours: [Double] = [], settled: [Double] = [], cli: [Double] = []
        var peak = 0.0, baseline = 0.0
        var rows = 0
        for run in 1...max(runs, 1) {
            // Alternate which side goes first, so neither always runs on a warmer (or busier) machine.
            let order = run % 2 == 1 ? [true, false] : [false, true]
            var parts: [String] = []
            for oursTurn in order {
                if oursTurn {
                    let dir = work.appendingPathComponent("ours-\(run)")
                    let (r, _) = try IngestOnceResult.spawn(file: csv.url, dataDir: dir)
                    try? FileManager.default.removeItem(at: dir)
                    ours.append(r.seconds)
                    settled.append(r.settledSeconds)
                    peak = max(peak, r.peakRSSMiB)
                    baseline = r.startRSSMiB
                    rows = r.rows
                    if run == 1 { say("  types: \(r.types)\(r.warnings > 0 ? " (\(r.warnings) warnings)" : "")") }
                    parts.append(String(
                        format: "typed ingest %.3f s (WAL checkpointed at %.3f s; peak RSS %.0f MiB)", r.seconds,
                        r.settledSeconds, r.peakRSSMiB))
                } else if useCLI {
                    let db = work.appendingPathComponent("cli-\(run).sqlite")
                    let r = try SQLiteCLI.run([db.path, ".mode csv", ".import \(csv.url.path) cli"])
                    if run == 1 {
                        let count = try SQLiteCLI.run([db.path, "SELECT count(*) FROM cli"]).stdout
                            .trimmingCharacters(in: .whitespacesAndNewlines)
                        say("  sqlite3 .import rows: \(count)\(r.stderr.isEmpty ? "" : "; its messages: \(r.stderr.prefix(200))")")
                    }
                    try? FileManager.default.removeItem(at: db)
                    cli.append(r.seconds)
                    parts.append(String(format: "sqlite3 .import %.3f s", r.seconds))
                }
            }
            say("  run \(run): " + parts.joined(separator: " | "))
        }

        let mb = Double(csv.bytes) / 1e6
        let o = TimingStats(ours), s = TimingStats(settled)
        let generated = csv.rows.map { $0 == rows ? " (as generated)" : " (but the generator wrote \($0) rows)" } ?? ""
        say(String(format: "  file: %.0f MB, %d rows ingested", mb, rows) + generated)
        sayRow("typed ingest (SQLiteIngestor.ingest call)", "\(o.text)   \(String(format: "%.1f MB/s", mb / o.median))")
        sayRow("… until its WAL checkpoint finished", "\(s.text)   (±0.1 s; after the call returns, off the user's path)")
        if !cli.isEmpty {
            let c = TimingStats(cli)
            sayRow("sqlite3 .import, untyped (process wall)", "\(c.text)   \(String(format: "%.1f MB/s", mb / c.median))")
            sayRow("typed ingest / sqlite3 .import", TimingStats.ratio(o, c, goal: 1.0))
            sayRow("… including the checkpoint / sqlite3", TimingStats.ratio(s, c) + "  (for information)")
        }
        say(
            String(format: "  peak RSS of our ingest: %.0f MiB (process baseline %.0f MiB; goal < %.0f MiB: ", peak, baseline, rssGoal)
                + (peak < rssGoal ? "met)" : "NOT met)"))
    }
}
