/// Bounds of the chat capability: question sizes, rows per answer and the query time limit.
public struct ChatLimits: Sendable, Hashable {
    /// Longest question in UTF-8 bytes; longer ones get `questionTooLong` (an error, not a silent cut:
    /// a truncated question could be answered wrongly).
    public var maxQuestionBytes: Int
    /// Longest raw SQL statement in UTF-8 bytes (`questionTooLong` too).
    public var maxSQLBytes: Int
    /// Rows per answer when the principal has no `defaultRowLimit` preference.
    public var defaultMaxRows: Int
    /// Upper bound of the `defaultRowLimit` preference.
    public var hardMaxRows: Int
    /// Wall-clock limit of each answer's query.
    public var queryTimeout: Duration
    /// Longest feedback comment in characters.
    public var maxCommentLength: Int
    /// Longest session title in characters (longer titles are cut).
    public var maxTitleLength: Int

    public init(
        maxQuestionBytes: Int = 10 * 1024, maxSQLBytes: Int = 64 * 1024, defaultMaxRows: Int = 1000,
        hardMaxRows: Int = 10_000, queryTimeout: Duration = .seconds(10), maxCommentLength: Int = 2000,
        maxTitleLength: Int = 200
    ) {
        self.maxQuestionBytes = maxQuestionBytes
        self.maxSQLBytes = maxSQLBytes
        self.defaultMaxRows = defaultMaxRows
        self.hardMaxRows = hardMaxRows
        self.queryTimeout = queryTimeout
        self.maxCommentLength = maxCommentLength
        self.maxTitleLength = maxTitleLength
    }
}
