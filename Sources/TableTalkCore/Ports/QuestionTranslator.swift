/// What a translator gets besides the question: the principal's tables and the conversation so far.
public struct TranslationContext: Sendable {
    public var tables: [TableInfo]
    /// The plan of the previous answer in this chat session, for follow-ups ("only 2023", "top 10").
    public var previousPlan: QueryPlan?
    /// Looks up which columns of a table contain a text value (exact, case-insensitive); may be nil.
    public var valueLookup: (any ValueLookup)?
    /// The principal's own words for columns: table → column → names ("revenue" for `amount`), read like the
    /// column's own name (see ``ColumnAliasStore``).
    public var columnAliases: [String: [String: [String]]]
    /// Earlier questions of this chat session and what answered them, oldest first (for translators that read
    /// the conversation, like an LLM); empty outside a chat.
    public var conversation: [ConversationTurn] = []
    /// The caller asked for the language model ("try the AI model"); translators without one ignore it.
    public var prefersModel = false

    public init(
        tables: [TableInfo], previousPlan: QueryPlan? = nil, valueLookup: (any ValueLookup)? = nil,
        columnAliases: [String: [String: [String]]] = [:]
    ) {
        self.tables = tables
        self.previousPlan = previousPlan
        self.valueLookup = valueLookup
        self.columnAliases = columnAliases
    }
}

/// One earlier exchange of a conversation: the question and the answer's restatement and SQL (nil when it was a
/// clarification). Never result rows.
public struct ConversationTurn: Sendable, Hashable {
    public var question: String
    public var interpretation: String
    public var sql: String?
    public init(question: String, interpretation: String, sql: String?) {
        self.question = question
        self.interpretation = interpretation
        self.sql = sql
    }
}

/// Finds data values mentioned in a question (an index of distinct values of text columns).
public protocol ValueLookup: Sendable {
    /// Columns of `table` holding `value` (case-insensitive), with the value as stored.
    func columns(containing value: String, in table: String) -> [(column: String, stored: String)]
}

/// A chart that suits a result.
public struct ChartSuggestion: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case bar, line, none }
    public var kind: Kind
    public var x: String?
    public var y: String?
    public init(kind: Kind, x: String? = nil, y: String? = nil) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// One stretch of the question and what the translator took it to mean ("revenue" → column `revenue`, "West" →
/// `region = West`, "more than 50" → `> 50`); words it could not place have kind `unknown`.
public struct UnderstoodSpan: Sendable, Codable, Hashable {
    /// What kind of meaning a span carries.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case column, value, `operator`, aggregate, time, table, limit, order, unknown
    }
    /// The words as the user typed them (folded spacing).
    public var text: String
    /// Character offsets into the question (`start` inclusive, `end` exclusive); nil when the words could not be
    /// found in the original text.
    public var start: Int?
    public var end: Int?
    public var kind: Kind
    /// What it was read as: "amount", "region = West", "sum", "> 50", "2024".
    public var meaning: String

    public init(text: String, start: Int? = nil, end: Int? = nil, kind: Kind, meaning: String) {
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.meaning = meaning
    }
}

/// A translator's answer: a plan and its SQL, or an honest request for clarification.
public struct Translation: Sendable {
    public var plan: QueryPlan?
    public var sql: String?
    /// One-line restatement ("Average salary by department, where office is Berlin").
    public var interpretation: String
    /// True when the question could not be mapped with confidence; `sql` is then nil.
    public var needsClarification: Bool
    /// Questions the user could ask instead, built from the schema.
    public var suggestions: [String]
    /// Other readings the translator considered ("Did you mean … instead?").
    public var alternatives: [String]
    public var chart: ChartSuggestion?
    /// How each part of the question was read, in question order (empty when the translator does not say).
    public var understood: [UnderstoodSpan] = []
    /// Which translator produced it: "rules" (the offline parser) or "llm" (a language model).
    public var translator = "rules"
    /// What was sent to a language model for it (system prompt and turns), when one was asked.
    public var prompt: String?

    public init(
        plan: QueryPlan?, sql: String?, interpretation: String, needsClarification: Bool = false,
        suggestions: [String] = [], alternatives: [String] = [], chart: ChartSuggestion? = nil
    ) {
        self.plan = plan
        self.sql = sql
        self.interpretation = interpretation
        self.needsClarification = needsClarification
        self.suggestions = suggestions
        self.alternatives = alternatives
        self.chart = chart
    }
}

/// Turns a plain-English question into SQL. The offline default is `TableTalkRules`; LLM providers implement it too.
public protocol QuestionTranslator: Sendable {
    func translate(_ question: String, context: TranslationContext) async throws -> Translation
    /// Starter questions about `table` (one of `context.tables`) that this translator answers; none by default.
    func suggestions(for table: TableInfo, context: TranslationContext) async -> [String]
}

extension QuestionTranslator {
    public func suggestions(for table: TableInfo, context: TranslationContext) async -> [String] { [] }
}
