/// `chat.typing` (server → client, on the asking connection): the assistant started (`typing: true`) or
/// stopped (`false`) composing an answer in a session, for a typing indicator.
public struct ChatTypingNotification: RPCNotification, Hashable {
    public static let method = "chat.typing"
    public var sessionId: String
    public var typing: Bool
    public init(sessionId: String, typing: Bool) {
        self.sessionId = sessionId
        self.typing = typing
    }
}
