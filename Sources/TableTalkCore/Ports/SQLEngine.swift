/// Options for one query run.
public struct QueryOptions: Sendable, Hashable {
    /// At most this many rows are returned; more set `truncated`.
    public var maxRows: Int
    /// Rows to skip (paging).
    public var offset: Int
    /// Wall-clock limit; exceeding it fails with ``TableTalkError/Kind/queryTimeout``.
    public var timeout: Duration

    public init(maxRows: Int = 1000, offset: Int = 0, timeout: Duration = .seconds(10)) {
        self.maxRows = maxRows
        self.offset = offset
        self.timeout = timeout
    }
}

/// The SQL engine behind `query.*`: runs guarded read-only SQL over one principal's tables and keeps the
/// catalog. The embedded default is SQLite (one database file per principal); Athena implements it at scale.
public protocol SQLEngine: Sendable {
    /// The principal's tables, with catalog facts.
    func tables(for principal: Principal) async throws -> [TableInfo]
    /// One table's catalog entry; ``TableTalkError/Kind/tableNotFound`` when absent.
    func describe(table: String, for principal: Principal) async throws -> TableInfo
    /// Runs one read-only statement under the guard (own tables only, time limit, row cap).
    func run(_ sql: String, for principal: Principal, options: QueryOptions, cancellation: CancellationFlag?)
        async throws -> QueryResult
    func dropTable(_ table: String, for principal: Principal) async throws
    func renameTable(_ table: String, to newName: String, for principal: Principal) async throws -> TableInfo
    /// Re-types a column, keeping the values it had before (changing it back restores them). A change that would
    /// turn values into NULL throws ``TableTalkError/Kind/typeConversion`` (details `failing`, `samples`) unless
    /// `confirmLossy`; confirmed, those values become NULL and are counted in the result's notes.
    func alterColumn(table: String, column: String, to type: ColumnType, confirmLossy: Bool, for principal: Principal)
        async throws -> TableInfo
}

extension SQLEngine {
    /// Re-types a column only when every value converts (see ``alterColumn(table:column:to:confirmLossy:for:)``).
    public func alterColumn(table: String, column: String, to type: ColumnType, for principal: Principal) async throws
        -> TableInfo
    {
        try await alterColumn(table: table, column: column, to: type, confirmLossy: false, for: principal)
    }
}
