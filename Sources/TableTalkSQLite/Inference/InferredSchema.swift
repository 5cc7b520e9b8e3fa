import TableTalkCore

/// One column as inference decided it.
struct InferredColumn: Sendable, Hashable {
    /// snake_case SQL name.
    var name: String
    /// Header as written in the file (or the generated name when the file has no header).
    var label: String
    var decoder: ColumnDecoder
    var notes: [String]
    var type: ColumnType { decoder.type }
}

/// What inference found about a file: its dialect, its columns, and non-fatal findings.
struct InferredSchema: Sendable, Hashable {
    var dialect: CSVDialect
    var columns: [InferredColumn]
    /// Fields per record the load expects (the header's width, before trailing empty columns were dropped).
    var fieldCount: Int
    var warnings: [String]
    /// Data rows that inference looked at.
    var sampledRows: Int
    /// True when the sample was the whole file (so the load cannot meet a value that does not fit).
    var sawWholeFile: Bool
}
