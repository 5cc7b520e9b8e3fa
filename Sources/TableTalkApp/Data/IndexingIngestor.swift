public import Foundation
public import TableTalkCore

/// An ingestor that, once a table is in, reads its value index in the background (see ``ValueIndexBuilder``), so
/// the index is built at ingest time and stored with the table version: the first question about a new table does
/// not pay for it, and the upload's reply does not wait for it.
struct IndexingIngestor: CSVIngestor {
    let base: any CSVIngestor
    let engine: any SQLEngine

    func ingest(
        file: URL, table: String, sourceName: String, for principal: Principal,
        progress: @escaping @Sendable (IngestProgress) -> Void
    ) async throws -> IngestReport {
        let report = try await base.ingest(file: file, table: table, sourceName: sourceName, for: principal, progress: progress)
        let engine = engine
        Task.detached(priority: .utility) {
            _ = try? await ValueIndexBuilder(engine: engine, principal: principal).build(for: [report.table])
        }
        return report
    }
}
