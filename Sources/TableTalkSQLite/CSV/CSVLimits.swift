/// Limits the CSV reader enforces, so a hostile file fails fast with a specific error instead of exhausting memory.
public struct CSVLimits: Sendable, Hashable {
    /// More columns than this fails with `csvTooManyColumns`.
    public var maxColumns: Int
    /// A single field longer than this (bytes, after decoding to UTF-8) fails with `csvFieldTooLarge`.
    public var maxFieldBytes: Int
    /// A whole record longer than this fails with `csvFieldTooLarge` (bounds the read buffer).
    public var maxRecordBytes: Int
    /// Rows read to infer column types before loading.
    public var sampleRows: Int

    public init(
        maxColumns: Int = 4096, maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 32 << 20, sampleRows: Int = 10_000
    ) {
        self.maxColumns = maxColumns
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.sampleRows = sampleRows
    }
}
