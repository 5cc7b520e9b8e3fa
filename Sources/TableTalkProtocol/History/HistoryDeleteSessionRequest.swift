/// `history.deleteSession {sessionId}`: deletes a chat session and its messages; `sessionNotFound` when absent.
public struct HistoryDeleteSessionRequest: RPCRequest, Hashable {
    public static let method = "history.deleteSession"
    public typealias Response = HistoryDeleteSessionResult
    public var sessionId: String
    public init(sessionId: String) { self.sessionId = sessionId }
}

/// The session is gone.
public struct HistoryDeleteSessionResult: Codable, Sendable, Hashable {
    public var deleted: Bool
    public init(deleted: Bool) { self.deleted = deleted }
}
