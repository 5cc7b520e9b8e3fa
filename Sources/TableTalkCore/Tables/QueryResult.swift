/// A column of a query result.
public struct ResultColumn: Sendable, Codable, Hashable {
    public var name: String
    /// Declared or observed type name (INTEGER, REAL, TEXT, …), or nil when unknown.
    public var type: String?
    public init(name: String, type: String?) {
        self.name = name
        self.type = type
    }
}

/// The rows a query produced, with paging and timing facts.
public struct QueryResult: Sendable, Codable, Hashable {
    public var columns: [ResultColumn]
    public var rows: [[CellValue]]
    /// Rows returned in this page.
    public var rowCount: Int
    /// True when more rows exist than were returned.
    public var truncated: Bool
    /// Offset of the next page when truncated.
    public var nextOffset: Int?
    public var elapsedMs: Double
    public var cached: Bool

    public init(
        columns: [ResultColumn], rows: [[CellValue]], truncated: Bool = false, nextOffset: Int? = nil,
        elapsedMs: Double = 0, cached: Bool = false
    ) {
        self.columns = columns
        self.rows = rows
        self.rowCount = rows.count
        self.truncated = truncated
        self.nextOffset = nextOffset
        self.elapsedMs = elapsedMs
        self.cached = cached
    }
}
