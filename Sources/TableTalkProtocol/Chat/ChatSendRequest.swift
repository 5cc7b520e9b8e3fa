/// `chat.send {sessionId, text?, sql?}`: asks a question in plain English (`text`) or runs raw SQL (`sql`, same
/// guard as `query.run`). Answers with a ``ChatAnswer``; while it works the server sends `chat.status`.
///
/// The user message is stored before the answer is computed. Input problems (empty or over-long question,
/// unknown session) are JSON-RPC errors; problems running the SQL are answers carrying ``ChatAnswer/error``.
public struct ChatSendRequest: RPCRequest, Hashable {
    public static let method = "chat.send"
    public typealias Response = ChatAnswer
    public var sessionId: String
    /// The question. With `sql` it is only the label stored in history.
    public var text: String?
    /// One read-only SQL statement to run instead of translating `text`.
    public var sql: String?
    /// `"llm"` asks the language model directly ("try the AI model" after a clarification); absent or `"auto"`
    /// uses the configured translator. Ignored when no model is configured.
    public var translator: String? = nil
    /// Return what was sent to the language model in the answer's `prompt` (when one was asked).
    public var includePrompt: Bool? = nil
    public init(sessionId: String, text: String? = nil, sql: String? = nil) {
        self.sessionId = sessionId
        self.text = text
        self.sql = sql
    }
}
