/// `chat.suggest {table}`: starter questions for one of the caller's tables, each one the translator answers on
/// that table (the UI's "Try:" chips).
public struct ChatSuggestRequest: RPCRequest, Hashable {
    public static let method = "chat.suggest"
    public typealias Response = ChatSuggestResult
    /// The table to suggest questions about.
    public var table: String
    public init(table: String) { self.table = table }
}

/// Up to four questions, most useful first; empty when the translator offers none (an empty table, or a
/// translator without suggestions).
public struct ChatSuggestResult: Codable, Sendable, Hashable {
    public var questions: [String]
    public init(questions: [String]) { self.questions = questions }
}
