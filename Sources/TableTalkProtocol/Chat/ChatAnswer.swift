/// The assistant's answer to `chat.send`, also stored as the assistant message's payload in history.
///
/// Exactly one of three shapes: a result (`sql` and `result` set), a clarification (`needsClarification` true,
/// no SQL run, `suggestions` to pick from), or an error (`error` set; `text` explains it in plain words).
public struct ChatAnswer: Codable, Sendable, Hashable {
    public var messageId: String
    public var sessionId: String
    /// The reply in plain words ("Average salary by department: 4 rows.").
    public var text: String
    /// One-line restatement of what was understood ("Average salary by department, where office is Berlin").
    public var interpretation: String
    /// The structured query plan (absent for raw SQL and clarifications).
    public var plan: JSONValue?
    public var sql: String?
    public var result: ChatResult?
    public var chart: ChatChart?
    /// Questions the user could ask next or instead.
    public var suggestions: [String]
    /// Other readings the translator considered.
    public var alternatives: [String]
    /// True when the question could not be mapped with confidence; nothing ran.
    public var needsClarification: Bool?
    /// Why the SQL could not run (refused by the guard, syntax, timeout…).
    public var error: ChatAnswerError?
    /// With a clarification: question words that named no column ("revenue"); replying with a column's name
    /// teaches that word for the table and answers the question again.
    public var unknownWords: [String]? = nil
    /// How each part of the question was read, in question order (absent for raw SQL).
    public var understood: [ChatUnderstoodSpan]? = nil
    /// Which translator produced the answer: `rules` (the offline parser) or `llm` (a language model); absent for
    /// raw SQL.
    public var translator: String? = nil
    /// What was sent to the language model (system prompt and turns), when `chat.send` asked with `includePrompt`.
    public var prompt: String? = nil

    public init(
        messageId: String, sessionId: String, text: String, interpretation: String, plan: JSONValue? = nil,
        sql: String? = nil, result: ChatResult? = nil, chart: ChatChart? = nil, suggestions: [String] = [],
        alternatives: [String] = [], needsClarification: Bool? = nil, error: ChatAnswerError? = nil
    ) {
        self.messageId = messageId
        self.sessionId = sessionId
        self.text = text
        self.interpretation = interpretation
        self.plan = plan
        self.sql = sql
        self.result = result
        self.chart = chart
        self.suggestions = suggestions
        self.alternatives = alternatives
        self.needsClarification = needsClarification
        self.error = error
    }
}

/// The rows an answer's SQL produced (at most the row limit; `truncated` says whether more exist).
public struct ChatResult: Codable, Sendable, Hashable {
    /// A result column: its name and SQL type when known.
    public struct Column: Codable, Sendable, Hashable {
        public var name: String
        public var type: String?
        public init(name: String, type: String? = nil) {
            self.name = name
            self.type = type
        }
    }
    public var columns: [Column]
    /// Rows of JSON scalars (string, number or null), one per column.
    public var rows: [[JSONValue]]
    public var rowCount: Int
    public var truncated: Bool
    public var elapsedMs: Double
    public init(columns: [Column], rows: [[JSONValue]], rowCount: Int, truncated: Bool, elapsedMs: Double) {
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
        self.truncated = truncated
        self.elapsedMs = elapsedMs
    }
}

/// A suggested chart: `bar`, `line` (time series) or `none` (scalars), with the result columns for its axes.
public struct ChatChart: Codable, Sendable, Hashable {
    public var kind: String
    public var x: String?
    public var y: String?
    public init(kind: String, x: String? = nil, y: String? = nil) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Why an answer has no result: the error code and kind (as a JSON-RPC error would carry) and the engine's message.
public struct ChatAnswerError: Codable, Sendable, Hashable {
    public var code: Int
    /// The error kind name, e.g. `sqlNotAllowed`.
    public var kind: String
    public var message: String
    public init(code: Int, kind: String, message: String) {
        self.code = code
        self.kind = kind
        self.message = message
    }
}
