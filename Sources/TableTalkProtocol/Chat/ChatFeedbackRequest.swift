/// `chat.feedback {messageId, rating, comment?}`: stores a thumbs up (`1`) or down (`-1`) on an assistant message.
public struct ChatFeedbackRequest: RPCRequest, Hashable {
    public static let method = "chat.feedback"
    public typealias Response = ChatFeedbackResult
    public var messageId: String
    /// `1` (helpful) or `-1` (wrong or unhelpful).
    public var rating: Int
    /// Free text, at most 2,000 characters.
    public var comment: String?
    public init(messageId: String, rating: Int, comment: String? = nil) {
        self.messageId = messageId
        self.rating = rating
        self.comment = comment
    }
}

/// The feedback was stored.
public struct ChatFeedbackResult: Codable, Sendable, Hashable {
    public var stored: Bool
    public init(stored: Bool = true) { self.stored = stored }
}
