import TableTalkCore

/// Finished Athena queries whose results can serve a later page of the same SQL without running it again.
///
/// `query.run`'s `pageToken` stands for a row offset (Plugins/Query/PageToken.swift), and Athena pages results with
/// an opaque `NextToken`. The runner records, for each finished execution, the `NextToken` that starts at each data
/// row offset it has seen; a request for the same principal, database and SQL with `offset > 0` within
/// ``AthenaQueryConfiguration/cursorLifetime`` continues from the nearest recorded token at or before the offset
/// (skipping the rows in between), or re-reads that execution's results from the start — either way no new query
/// is run and nothing is scanned again. Offset 0, an unknown or expired SQL, or results Athena no longer serves run
/// the query anew. Kept in memory, per process: another server instance simply runs the query again.
actor AthenaResultCursors {
    struct Key: Hashable {
        var principal: String
        var database: String
        var sql: String
    }

    struct Cursor {
        var queryExecutionId: String
        var created: ContinuousClock.Instant
        /// Data-row offset → the `NextToken` whose page starts there.
        var tokens: [Int: String] = [:]
    }

    /// Where to read from: the execution, a token (nil: the first page, with its header row) and its offset.
    struct Resume: Sendable {
        var queryExecutionId: String
        var token: String?
        var offset: Int
    }

    private var cursors: [Key: Cursor] = [:]
    private let capacity: Int
    private let lifetime: Duration
    private let maxTokensPerCursor = 1000

    init(capacity: Int = 64, lifetime: Duration) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    func remember(_ key: Key, queryExecutionId: String) {
        let now = ContinuousClock.now
        cursors = cursors.filter { now - $0.value.created < lifetime }
        if cursors.count >= capacity, let oldest = cursors.min(by: { $0.value.created < $1.value.created })?.key {
            cursors.removeValue(forKey: oldest)
        }
        cursors[key] = Cursor(queryExecutionId: queryExecutionId, created: now)
    }

    func record(_ key: Key, queryExecutionId: String, token: String, at offset: Int) {
        guard var c = cursors[key], c.queryExecutionId == queryExecutionId else { return }
        if c.tokens.count < maxTokensPerCursor { c.tokens[offset] = token }
        cursors[key] = c
    }

    /// The best place to read `offset` from, when a live cursor exists.
    func resume(_ key: Key, at offset: Int) -> Resume? {
        guard let c = cursors[key] else { return nil }
        guard ContinuousClock.now - c.created < lifetime else {
            cursors.removeValue(forKey: key)
            return nil
        }
        if let best = c.tokens.keys.filter({ $0 <= offset }).max(), let token = c.tokens[best] {
            return Resume(queryExecutionId: c.queryExecutionId, token: token, offset: best)
        }
        return Resume(queryExecutionId: c.queryExecutionId, token: nil, offset: 0)
    }

    func forget(_ key: Key) { cursors.removeValue(forKey: key) }
}
