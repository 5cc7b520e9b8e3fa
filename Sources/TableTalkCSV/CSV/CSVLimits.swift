/// Limits the CSV reader enforces, so a hostile file fails fast with a specific error instead of exhausting memory.
public struct CSVLimits: Sendable, Hashable {
    /// More columns than this fails with `csvTooManyColumns`. At most ``sqliteMaxColumns`` (larger values are
    /// lowered to it): a table cannot have more columns than SQLite allows.
    public var maxColumns: Int
    /// SQLite's own column limit (`SQLITE_MAX_COLUMN`, 2000 unless SQLite is compiled otherwise).
    public static let sqliteMaxColumns = 2000
    /// A single field longer than this (bytes, after decoding to UTF-8) fails with `csvFieldTooLarge`.
    public var maxFieldBytes: Int
    /// A whole record longer than this fails with `csvFieldTooLarge` (bounds the read buffer).
    public var maxRecordBytes: Int
    /// Rows read to infer column types before loading.
    public var sampleRows: Int

    public init(
        maxColumns: Int = CSVLimits.sqliteMaxColumns, maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 32 << 20, sampleRows: Int = 10_000
    ) {
        self.maxColumns = min(maxColumns, Self.sqliteMaxColumns)
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.sampleRows = sampleRows
    }
}
