/// `query.run {sql, maxRows?, pageToken?}`: runs one read-only SQL statement over the caller's tables, under the
/// guard (own tables only, time limit, row cap). With `pageToken` (from a truncated result) it returns the next page.
public struct QueryRunRequest: RPCRequest, Hashable {
    public static let method = "query.run"
    public typealias Response = QueryRunResult

    public var sql: String
    /// Row cap of this page (default: the server's `maxRows`).
    public var maxRows: Int?
    /// Opaque token from a previous result's `nextPageToken`; valid only with the same `sql`.
    public var pageToken: String?

    public init(sql: String, maxRows: Int? = nil, pageToken: String? = nil) {
        self.sql = sql
        self.maxRows = maxRows
        self.pageToken = pageToken
    }
}

/// One page of a query's rows.
public struct QueryRunResult: Codable, Sendable, Hashable {
    public var columns: [QueryColumn]
    /// Rows as arrays of JSON values, in column order (null, integer, number or string).
    public var rows: [[JSONValue]]
    public var rowCount: Int
    /// True when more rows exist; `nextPageToken` fetches them.
    public var truncated: Bool
    public var nextPageToken: String?
    public var elapsedMs: Double
    /// True when answered from the result cache (same SQL, unchanged tables).
    public var cached: Bool

    public init(
        columns: [QueryColumn], rows: [[JSONValue]], rowCount: Int, truncated: Bool, nextPageToken: String?,
        elapsedMs: Double, cached: Bool
    ) {
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
        self.truncated = truncated
        self.nextPageToken = nextPageToken
        self.elapsedMs = elapsedMs
        self.cached = cached
    }
}

/// A result column: its name and declared or observed type (nil when unknown).
public struct QueryColumn: Codable, Sendable, Hashable {
    public var name: String
    public var type: String?
    public init(name: String, type: String?) {
        self.name = name
        self.type = type
    }
}
