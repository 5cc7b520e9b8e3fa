/// What a translator gets besides the question: the principal's tables and the conversation so far.
public struct TranslationContext: Sendable {
    public var tables: [TableInfo]
    /// The plan of the previous answer in this chat session, for follow-ups ("only 2023", "top 10").
    public var previousPlan: QueryPlan?
    /// Looks up which columns of a table contain a text value (exact, case-insensitive); may be nil.
    public var valueLookup: (any ValueLookup)?

    public init(tables: [TableInfo], previousPlan: QueryPlan? = nil, valueLookup: (any ValueLookup)? = nil) {
        self.tables = tables
        self.previousPlan = previousPlan
        self.valueLookup = valueLookup
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
}
