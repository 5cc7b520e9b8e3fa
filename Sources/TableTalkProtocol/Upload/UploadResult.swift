/// What `upload.finish` and `upload.importFile` created: the table's inferred schema and what was detected.
public struct UploadResult: Codable, Sendable, Hashable {
    public var uploadId: String
    public var table: TableDescription
    /// True when a table of the same name was replaced.
    public var replaced: Bool
    /// Columns added, removed or re-typed relative to the replaced table (`+region`, `-city`, `price: TEXT→REAL`).
    public var changedColumns: [String]
    /// Non-fatal findings (Latin-1 fallback, ambiguous dates, renamed columns).
    public var warnings: [String]
    public var detected: DetectedFormat

    public init(
        uploadId: String, table: TableDescription, replaced: Bool, changedColumns: [String], warnings: [String],
        detected: DetectedFormat
    ) {
        self.uploadId = uploadId
        self.table = table
        self.replaced = replaced
        self.changedColumns = changedColumns
        self.warnings = warnings
        self.detected = detected
    }
}

/// The text format the ingest found in the file.
public struct DetectedFormat: Codable, Sendable, Hashable {
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `latin-1`.
    public var encoding: String?
    /// `,`, `;`, `\t` or `|`.
    public var delimiter: String?
    /// Whether the first row was taken as the header.
    public var header: Bool?

    public init(encoding: String? = nil, delimiter: String? = nil, header: Bool? = nil) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.header = header
    }
}
