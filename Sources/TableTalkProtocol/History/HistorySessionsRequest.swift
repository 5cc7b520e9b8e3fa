/// `history.sessions {limit?}`: the caller's chat sessions, most recently active first.
public struct HistorySessionsRequest: RPCRequest, Hashable {
    public static let method = "history.sessions"
    public typealias Response = HistorySessionsResult
    /// At most this many (default 50, at most 500).
    public var limit: Int?
    public init(limit: Int? = nil) { self.limit = limit }
}

/// The sessions found.
public struct HistorySessionsResult: Codable, Sendable, Hashable {
    public var sessions: [HistorySession]
    public init(sessions: [HistorySession]) { self.sessions = sessions }
}

/// One chat session. Dates are ISO 8601 UTC strings.
public struct HistorySession: Codable, Sendable, Hashable {
    public var sessionId: String
    public var title: String
    public var createdAt: String
    public var updatedAt: String
    public var messageCount: Int
    public init(sessionId: String, title: String, createdAt: String, updatedAt: String, messageCount: Int) {
        self.sessionId = sessionId
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
    }
}
