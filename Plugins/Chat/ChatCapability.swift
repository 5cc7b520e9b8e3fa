public import TableTalkBroker
public import TableTalkCore
import Foundation
import TableTalkProtocol

/// The `chat` namespace: `chat.start`, `chat.send`, `chat.feedback`, `chat.suggest`, and the `chat.status` / `chat.typing`
/// notifications. Works only through ports: a ``QuestionTranslator`` reads questions, an ``SQLEngine`` runs the
/// SQL under its guard, and a ``HistoryStore`` keeps every message, query and piece of feedback per principal.
///
/// ```swift
/// let chat = ChatCapability(translator: rules, engine: sqlite, history: historyStore)
/// let broker = Broker(capabilities: [chat], logger: logger)
/// ```
///
/// Error policy of `chat.send`: problems with the request itself (unknown session, empty or over-long question)
/// are JSON-RPC errors and store nothing; once the question is stored, anything the translator or engine
/// reports as a ``TableTalkError`` (guard refusal, syntax, timeout, missing table) becomes an answer with
/// ``ChatAnswer/error`` and a plain-words `text`, so the conversation and its history stay complete.
public struct ChatCapability: Capability {
    public let namespace = "chat"
    let translator: any QuestionTranslator
    let engine: any SQLEngine
    let history: any HistoryStore
    let limits: ChatLimits
    let valueLookup: ValueLookupSource?
    let aliases: (any ColumnAliasStore)?

    /// Builds the index of data values a translator uses to recognise values named in a question ("Berlin"),
    /// for a principal's tables; nil when there is none. Supplied by the composition root.
    public typealias ValueLookupSource = @Sendable (Principal, [TableInfo]) async throws -> (any ValueLookup)?

    /// - Parameters:
    ///   - translator: turns questions into plans and SQL.
    ///   - engine: runs SQL read-only over the principal's tables.
    ///   - history: stores sessions, messages, queries, feedback and preferences.
    ///   - limits: sizes and time limits.
    ///   - valueLookup: the value index passed to the translator with each question (optional).
    ///   - aliases: the principal's own names for columns, passed to the translator and taught by answering a
    ///     clarification with a column's name; nil means the engine itself when it keeps them (SQLite does).
    public init(
        translator: any QuestionTranslator, engine: any SQLEngine, history: any HistoryStore, limits: ChatLimits = .init(),
        valueLookup: ValueLookupSource? = nil, aliases: (any ColumnAliasStore)? = nil
    ) {
        self.translator = translator
        self.engine = engine
        self.history = history
        self.limits = limits
        self.valueLookup = valueLookup
        self.aliases = aliases ?? engine as? any ColumnAliasStore
    }

    public func register(in registry: inout MethodRegistry) {
        registry.emits(ChatStatusNotification.self)
        registry.emits(ChatTypingNotification.self)
        let turn = ChatTurn(
            translator: translator, engine: engine, history: history, limits: limits, valueLookup: valueLookup,
            aliases: aliases)
        let history = self.history
        let limits = self.limits
        registry.register(ChatStartRequest.self) { request, context in
            try await Self.start(request, context: context, history: history, limits: limits)
        }
        registry.register(ChatSendRequest.self) { request, context in
            ChatEvents.answered(try await turn.answer(request, context: context), request, context)
        }
        registry.register(ChatFeedbackRequest.self) { request, context in
            try await Self.feedback(request, context: context, history: history, limits: limits)
        }
        let (translator, engine) = (self.translator, self.engine)
        registry.register(ChatSuggestRequest.self) { request, context in
            try await ChatSuggestions.answer(request, context: context, translator: translator, engine: engine)
        }
    }

    /// The title of a session started without one, until its first question names it (see ``ChatTurn``).
    public static let defaultTitle = "New chat"

    /// A session title from its first question: one line, spaces collapsed, at most 60 characters (cut at a word).
    public static func title(fromQuestion text: String, limit: Int = 60) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var out = ""
        for w in words {
            let next = out.isEmpty ? String(w) : out + " " + w
            if next.count > limit {
                if out.isEmpty { out = String(next.prefix(limit - 1)) }
                return out + "…"
            }
            out = next
        }
        return out
    }

    static func start(_ request: ChatStartRequest, context: RequestContext, history: any HistoryStore, limits: ChatLimits)
        async throws -> ChatStartResult
    {
        let trimmed = (request.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let title = trimmed.isEmpty ? defaultTitle : String(trimmed.prefix(limits.maxTitleLength))
        let record = try await history.createSession(id: ChatIDs.session(), title: title, for: context.principal)
        return ChatStartResult(sessionId: record.id, title: record.title)
    }

    static func feedback(
        _ request: ChatFeedbackRequest, context: RequestContext, history: any HistoryStore, limits: ChatLimits
    ) async throws -> ChatFeedbackResult {
        guard request.rating == 1 || request.rating == -1 else {
            throw TableTalkError(.invalidArgument, "rating must be 1 (helpful) or -1 (not helpful), not \(request.rating)")
        }
        guard !request.messageId.isEmpty else { throw TableTalkError(.invalidArgument, "messageId must not be empty") }
        if let comment = request.comment, comment.count > limits.maxCommentLength {
            throw TableTalkError(
                .invalidArgument, "comment is \(comment.count) characters; the limit is \(limits.maxCommentLength)",
                details: ["limit": String(limits.maxCommentLength)])
        }
        let comment = request.comment.flatMap { $0.isEmpty ? nil : $0 }
        try await history.recordFeedback(
            messageId: request.messageId, rating: request.rating, comment: comment, for: context.principal)
        return ChatFeedbackResult(stored: true)
    }
}

/// Fresh ids for sessions and messages.
enum ChatIDs {
    static func session() -> String { "s_" + UUID().uuidString.lowercased() }
    static func message() -> String { "m_" + UUID().uuidString.lowercased() }
}
