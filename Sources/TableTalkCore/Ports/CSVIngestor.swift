public import Foundation

/// Where an ingest is, for progress notifications.
public struct IngestProgress: Sendable, Hashable {
    public enum Phase: String, Sendable, Codable { case parsing, loading, ready, failed }
    public var phase: Phase
    public var bytesRead: Int64
    public var totalBytes: Int64
    public var rows: Int
    public init(phase: Phase, bytesRead: Int64, totalBytes: Int64, rows: Int) {
        self.phase = phase
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
    }
}

/// What an ingest produced.
public struct IngestReport: Sendable, Hashable {
    public var table: TableInfo
    /// True when a table of the same name was replaced.
    public var replaced: Bool
    /// Columns added, removed or re-typed relative to the replaced table (e.g. "+region", "-city", "price: TEXT→REAL").
    public var changedColumns: [String]
    /// Detected facts: "encoding": "utf-8"|"utf-8-bom"|"utf-16le"|"utf-16be"|"latin-1", "delimiter", "header": "true"|"false".
    public var detected: [String: String]
    /// Non-fatal findings (Latin-1 fallback, ambiguous dates, renamed columns).
    public var warnings: [String]

    public init(table: TableInfo, replaced: Bool, changedColumns: [String], detected: [String: String], warnings: [String]) {
        self.table = table
        self.replaced = replaced
        self.changedColumns = changedColumns
        self.detected = detected
        self.warnings = warnings
    }
}

/// Turns a CSV file into a typed table of one principal, atomically: a failed ingest leaves no partial table,
/// and a re-ingest under the same name swaps the new table in only when it is complete.
public protocol CSVIngestor: Sendable {
    func ingest(
        file: URL, table: String, sourceName: String, for principal: Principal,
        progress: @escaping @Sendable (IngestProgress) -> Void
    ) async throws -> IngestReport
}
