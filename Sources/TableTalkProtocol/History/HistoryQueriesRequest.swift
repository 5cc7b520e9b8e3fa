/// `history.queries {limit?}`: the SQL the caller ran recently (answers and raw SQL), newest first, with timing.
public struct HistoryQueriesRequest: RPCRequest, Hashable {
    public static let method = "history.queries"
    public typealias Response = HistoryQueriesResult
    /// At most this many (default 50, at most 500).
    public var limit: Int?
    public init(limit: Int? = nil) { self.limit = limit }
}

/// Recent queries.
public struct HistoryQueriesResult: Codable, Sendable, Hashable {
    public var queries: [HistoryQuery]
    public init(queries: [HistoryQuery]) { self.queries = queries }
}

/// One query that ran (or was refused: `ok` false).
public struct HistoryQuery: Codable, Sendable, Hashable {
    public var sql: String
    public var elapsedMs: Double
    public var rowCount: Int
    public var ok: Bool
    /// ISO 8601 UTC.
    public var createdAt: String
    /// The chat session it answered, if any.
    public var sessionId: String?
    public init(sql: String, elapsedMs: Double, rowCount: Int, ok: Bool, createdAt: String, sessionId: String? = nil) {
        self.sql = sql
        self.elapsedMs = elapsedMs
        self.rowCount = rowCount
        self.ok = ok
        self.createdAt = createdAt
        self.sessionId = sessionId
    }
}
