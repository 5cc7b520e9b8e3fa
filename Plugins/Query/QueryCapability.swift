public import TableTalkBroker
public import TableTalkCore
import TableTalkProtocol

/// The `query` namespace over the ``SQLEngine`` port: `query.run` (guarded, paged, cached by the engine),
/// `query.cancel`, and the catalog methods `query.tables`, `.describe`, `.dropTable`, `.renameTable`, `.alterColumn`,
/// `.setColumnNames` (the caller's other names for columns, kept by a ``ColumnAliasStore``).
///
/// ```swift
/// let capability = QueryCapability(engine: SQLiteEngine(dataDirectory: dataDir), configuration: .init(timeout: .seconds(10)))
/// ```
public struct QueryCapability: Capability {
    public let namespace = "query"
    let engine: any SQLEngine
    let configuration: QueryConfiguration
    let running = RunningQueries()
    let aliases: (any ColumnAliasStore)?

    /// - Parameters:
    ///   - configuration: default row cap, largest row cap and time limit.
    ///   - aliases: where column names are kept; nil means the engine itself when it keeps them (SQLite does).
    public init(engine: any SQLEngine, configuration: QueryConfiguration = .init(), aliases: (any ColumnAliasStore)? = nil) {
        self.engine = engine
        self.configuration = configuration
        self.aliases = aliases ?? engine as? any ColumnAliasStore
    }

    /// Registers the `query.*` handlers.
    public func register(in registry: inout MethodRegistry) {
        let engine = self.engine
        registry.register(QueryRunRequest.self) { r, ctx in try await run(r, ctx) }
        let running = self.running
        registry.register(QueryCancelRequest.self) { r, ctx in
            QueryCancelResult(cancelled: running.cancel(connection: ctx.connectionID, id: r.id))
        }
        let aliases = self.aliases
        registry.register(QueryTablesRequest.self) { _, ctx in
            let names = try await aliases?.columnAliases(for: ctx.principal) ?? [:]
            return QueryTablesResult(
                tables: try await engine.tables(for: ctx.principal).map { WireMapping.table($0, aliases: names[$0.name] ?? [:]) })
        }
        registry.register(QueryDescribeRequest.self) { r, ctx in
            let info = try await engine.describe(table: r.table, for: ctx.principal)
            return WireMapping.table(info, aliases: try await aliases?.columnAliases(of: info.name, for: ctx.principal) ?? [:])
        }
        registry.register(QueryDropTableRequest.self) { r, ctx in
            try await engine.dropTable(r.table, for: ctx.principal)
            ctx.events.publish("table.dropped", principal: ctx.principal, data: QueryDropTableResult(table: r.table, dropped: true))
            return QueryDropTableResult(table: r.table, dropped: true)
        }
        registry.register(QueryRenameTableRequest.self) { r, ctx in
            let info = try await engine.renameTable(r.table, to: r.newName, for: ctx.principal)
            return WireMapping.table(info, aliases: try await aliases?.columnAliases(of: info.name, for: ctx.principal) ?? [:])
        }
        registry.register(QueryAlterColumnRequest.self) { r, ctx in try await alterColumn(r, ctx) }
        registry.register(QuerySetColumnNamesRequest.self) { r, ctx in
            guard let aliases else {
                throw TableTalkError(.invalidArgument, "this server's engine keeps no column names")
            }
            let info = try await engine.describe(table: r.table, for: ctx.principal)
            let names = try await aliases.setColumnAliases(r.names, table: info.name, column: r.column, for: ctx.principal)
            return WireMapping.table(info, aliases: names)
        }
    }

    /// `query.run`: one page of a guarded query; registered in ``RunningQueries`` while it runs.
    func run(_ r: QueryRunRequest, _ ctx: RequestContext) async throws -> QueryRunResult {
        let maxRows = r.maxRows ?? configuration.defaultMaxRows
        guard maxRows >= 1 else { throw TableTalkError(.invalidArgument, "maxRows must be at least 1") }
        let offset = try r.pageToken.map { try PageToken.offset(from: $0, sql: r.sql) } ?? 0
        let options = QueryOptions(
            maxRows: min(maxRows, configuration.maxRowsLimit), offset: offset, timeout: configuration.timeout)
        if let id = ctx.requestID { running.begin(connection: ctx.connectionID, id: id, flag: ctx.cancellation) }
        defer { if let id = ctx.requestID { running.end(connection: ctx.connectionID, id: id) } }
        try ctx.checkCancelled()
        let result = try await engine.run(r.sql, for: ctx.principal, options: options, cancellation: ctx.cancellation)
        let next = result.truncated ? PageToken(offset: result.nextOffset ?? offset + result.rowCount, sql: r.sql).encoded : nil
        return QueryRunResult(
            columns: result.columns.map { QueryColumn(name: $0.name, type: $0.type) },
            rows: result.rows.map { $0.map(WireMapping.cell) }, rowCount: result.rowCount, truncated: result.truncated,
            nextPageToken: next, elapsedMs: result.elapsedMs, cached: result.cached)
    }
}
