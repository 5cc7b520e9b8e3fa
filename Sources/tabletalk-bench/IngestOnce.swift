import ArgumentParser
import Foundation
import TableTalkCore
import TableTalkSQLite

/// `tabletalk-bench ingest-once FILE DIR` (hidden): one typed ingest through ``SQLiteIngestor`` in a fresh process,
/// so its peak RSS is the ingest's own. Prints one JSON line (``IngestOnceResult``).
struct IngestOnce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-once", abstract: "One ingest in this process; prints JSON (used by `ingest`).",
        shouldDisplay: false)

    @Argument(help: "CSV file.") var file: String
    @Argument(help: "Data directory (tables go to users/local/tables.sqlite).") var dataDir: String
    @Option(help: "Table name.") var table: String = "bench"

    func run() async throws {
        let rssStart = BenchClock.peakRSSMiB()
        let ingestor = SQLiteIngestor(dataDirectory: URL(fileURLWithPath: dataDir), configuration: .init(rawFiles: .none))
        let url = URL(fileURLWithPath: file)
        let t0 = BenchClock.now()
        let report = try await ingestor.ingest(file: url, table: table, sourceName: url.lastPathComponent, for: .local) { _ in }
        let seconds = BenchClock.seconds(since: t0)
        let rssIngest = BenchClock.peakRSSMiB()
        // The ingest returns once the table is committed (and queryable); the WAL is copied into the database
        // by a background checkpoint afterwards. Wait for it, to report that time too.
        let settled = await BenchClock.waitUntilIdle()
        let result = IngestOnceResult(
            seconds: seconds, settledSeconds: BenchClock.seconds(from: t0, to: settled), rows: report.table.rowCount,
            peakRSSMiB: BenchClock.peakRSSMiB(), ingestRSSMiB: rssIngest, startRSSMiB: rssStart,
            types: report.table.columns.map { "\($0.name)=\($0.type.rawValue)" }.joined(separator: " "),
            warnings: report.warnings.count)
        let data = try JSONEncoder().encode(result)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// What `ingest-once` reports.
struct IngestOnceResult: Codable {
    /// From calling `ingest` to its return (the table is committed and queryable).
    var seconds: Double
    /// From calling `ingest` until the process went idle (background WAL checkpoint done).
    var settledSeconds: Double
    var rows: Int
    /// Peak RSS of the whole process (after the checkpoint).
    var peakRSSMiB: Double
    /// Peak RSS when `ingest` returned.
    var ingestRSSMiB: Double
    /// Peak RSS before the ingest started (the process's baseline).
    var startRSSMiB: Double
    var types: String
    var warnings: Int

    /// Runs `tabletalk-bench ingest-once FILE DIR` in a child process; returns its report and wall time.
    static func spawn(file: URL, dataDir: URL, table: String = "bench") throws -> (IngestOnceResult, wall: Double) {
        let r = try ChildProcess.run(ChildProcess.selfPath, ["ingest-once", file.path, dataDir.path, "--table", table])
        guard r.status == 0, let line = r.stdout.split(separator: "\n").last,
            let result = try? JSONDecoder().decode(IngestOnceResult.self, from: Data(line.utf8))
        else {
            throw BenchFailure("ingest-once failed (status \(r.status)): \(r.stderr.prefix(800)) \(r.stdout.prefix(300))")
        }
        return (result, r.seconds)
    }
}
