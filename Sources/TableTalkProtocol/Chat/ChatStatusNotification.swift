/// `chat.status` (server → client, on the asking connection): progress of one `chat.send`, in the order
/// `thinking` → `querying` (only when SQL runs) → `done` or `error`.
public struct ChatStatusNotification: RPCNotification, Hashable {
    public static let method = "chat.status"

    /// Where the answer is.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        case thinking, querying, done, error
    }

    public var sessionId: String
    /// The id the answer will have (the `messageId` of the `chat.send` result).
    public var messageId: String?
    public var state: State
    /// A short human-readable detail ("Running SQL", the error in plain words).
    public var text: String?

    public init(sessionId: String, messageId: String? = nil, state: State, text: String? = nil) {
        self.sessionId = sessionId
        self.messageId = messageId
        self.state = state
        self.text = text
    }
}
