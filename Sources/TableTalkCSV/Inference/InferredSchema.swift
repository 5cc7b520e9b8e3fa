package import TableTalkCore

/// One column as inference decided it.
package struct InferredColumn: Sendable, Hashable {
    /// snake_case SQL name.
    package var name: String
    /// Header as written in the file (or the generated name when the file has no header).
    package var label: String
    package var decoder: ColumnDecoder
    package var notes: [String]
    package var type: ColumnType { decoder.type }
}

/// What inference found about a file: its dialect, its columns, and non-fatal findings.
package struct InferredSchema: Sendable, Hashable {
    package var dialect: CSVDialect
    package var columns: [InferredColumn]
    /// Fields per record the load expects (the header's width, before trailing empty columns were dropped).
    package var fieldCount: Int
    package var warnings: [String]
    /// Data rows that inference looked at.
    package var sampledRows: Int
    /// True when the sample was the whole file (so the load cannot meet a value that does not fit).
    package var sawWholeFile: Bool
}
