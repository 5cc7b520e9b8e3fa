/// `chat.start {title?}`: opens a chat session for the caller's principal; follow-ups refer to its `sessionId`.
public struct ChatStartRequest: RPCRequest, Hashable {
    public static let method = "chat.start"
    public typealias Response = ChatStartResult
    /// Shown by `history.sessions`; without one the session is "New chat" until its first question names it.
    public var title: String?
    public init(title: String? = nil) { self.title = title }
}

/// The new session.
public struct ChatStartResult: Codable, Sendable, Hashable {
    public var sessionId: String
    public var title: String
    public init(sessionId: String, title: String) {
        self.sessionId = sessionId
        self.title = title
    }
}
