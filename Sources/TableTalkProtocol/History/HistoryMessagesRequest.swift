/// `history.messages {sessionId, before?, limit?}`: a page of a session's messages, oldest first.
///
/// Without `before` the newest `limit` messages; with it, the newest `limit` whose `seq` is lower. Page
/// backwards by passing the first message's `seq` while `hasMore` is true.
public struct HistoryMessagesRequest: RPCRequest, Hashable {
    public static let method = "history.messages"
    public typealias Response = HistoryMessagesResult
    public var sessionId: String
    public var before: Int64?
    /// At most this many (default 100, at most 1,000).
    public var limit: Int?
    public init(sessionId: String, before: Int64? = nil, limit: Int? = nil) {
        self.sessionId = sessionId
        self.before = before
        self.limit = limit
    }
}

/// One page of messages.
public struct HistoryMessagesResult: Codable, Sendable, Hashable {
    public var sessionId: String
    public var messages: [HistoryMessage]
    /// True when older messages exist before the first one returned.
    public var hasMore: Bool
    public init(sessionId: String, messages: [HistoryMessage], hasMore: Bool) {
        self.sessionId = sessionId
        self.messages = messages
        self.hasMore = hasMore
    }
}

/// One stored message: the user's question or the assistant's answer (`answer` holds the full `chat.send` result).
public struct HistoryMessage: Codable, Sendable, Hashable {
    public var messageId: String
    /// `user` or `assistant`.
    public var role: String
    public var text: String
    /// For user messages: the raw SQL sent, if any.
    public var sql: String?
    /// For assistant messages: the ``ChatAnswer`` as JSON.
    public var answer: JSONValue?
    /// ISO 8601 UTC.
    public var createdAt: String
    /// Position in the session (for `before`).
    public var seq: Int64
    public init(
        messageId: String, role: String, text: String, sql: String? = nil, answer: JSONValue? = nil, createdAt: String,
        seq: Int64
    ) {
        self.messageId = messageId
        self.role = role
        self.text = text
        self.sql = sql
        self.answer = answer
        self.createdAt = createdAt
        self.seq = seq
    }
}
