import TableTalkCore

/// Page sizes and preference bounds of the history capability.
public struct HistoryLimits: Sendable, Hashable {
    public var defaultSessions: Int
    public var maxSessions: Int
    public var defaultMessages: Int
    public var maxMessages: Int
    public var defaultQueries: Int
    public var maxQueries: Int
    /// Upper bound of the `defaultRowLimit` preference.
    public var maxRowLimit: Int
    /// Longest preference key and value, and most keys per principal.
    public var maxPreferenceKeyLength: Int
    public var maxPreferenceValueLength: Int
    public var maxPreferenceKeys: Int
    /// Most bytes of message text and answers in one `history.messages` page; older messages beyond it are left
    /// for the next page (`hasMore`), though a page always holds at least one message.
    public var maxMessagesBytes: Int

    public init(
        defaultSessions: Int = 50, maxSessions: Int = 500, defaultMessages: Int = 100, maxMessages: Int = 1000,
        defaultQueries: Int = 50, maxQueries: Int = 500, maxRowLimit: Int = 10_000, maxPreferenceKeyLength: Int = 64,
        maxPreferenceValueLength: Int = 1024, maxPreferenceKeys: Int = 100, maxMessagesBytes: Int = 8 << 20
    ) {
        self.defaultSessions = defaultSessions
        self.maxSessions = maxSessions
        self.defaultMessages = defaultMessages
        self.maxMessages = maxMessages
        self.defaultQueries = defaultQueries
        self.maxQueries = maxQueries
        self.maxRowLimit = maxRowLimit
        self.maxPreferenceKeyLength = maxPreferenceKeyLength
        self.maxPreferenceValueLength = maxPreferenceValueLength
        self.maxPreferenceKeys = maxPreferenceKeys
        self.maxMessagesBytes = maxMessagesBytes
    }

    /// `requested` clamped to `1…maximum`, or `fallback` when absent; zero or negative is an error.
    func pageSize(_ requested: Int?, fallback: Int, maximum: Int) throws -> Int {
        guard let requested else { return fallback }
        guard requested >= 1 else {
            throw HistoryErrors.invalid("limit must be at least 1, not \(requested)")
        }
        return min(requested, maximum)
    }
}

extension HistoryLimits {
    /// How many of the newest `records` (oldest first) fit in ``maxMessagesBytes`` (at least one).
    func messagesFitting(_ records: [ChatMessageRecord]) -> Int {
        var total = 0
        var count = 0
        for r in records.reversed() {
            total += r.text.utf8.count + (r.payload?.utf8.count ?? 0)
            if count > 0 && total > maxMessagesBytes { break }
            count += 1
        }
        return count
    }
}
