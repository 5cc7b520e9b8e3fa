public import Foundation
import Synchronization
public import TableTalkCore

/// The embedded ``SQLEngine``: guarded read-only SQL over one principal's `tables.sqlite`, plus the catalog.
///
/// ```swift
/// let engine = SQLiteEngine(dataDirectory: dataDir, objectStore: store)
/// let result = try await engine.run("SELECT region, median(amount) FROM sales GROUP BY 1",
///                                   for: principal, options: QueryOptions(maxRows: 100), cancellation: flag)
/// ```
///
/// Each query gets its own read-only connection with the guard (see ``QueryGuard``), a deadline from
/// `options.timeout`, and `sqlite3_interrupt` on cancellation; the work runs on a dedicated thread pool. Its cost
/// is bounded by ``QueryLimits`` (largest value, reply bytes, `mode()` state, SQLite's heap).
/// Identical queries on unchanged tables are answered from a small cache (`cached: true`).
public final class SQLiteEngine: SQLEngine {
    public let layout: SQLiteLayout
    public let objectStore: (any ObjectStore)?
    public let configuration: SQLiteConfiguration
    let database: TableDatabase
    let cache: ResultCache

    public init(dataDirectory: URL, objectStore: (any ObjectStore)? = nil, configuration: SQLiteConfiguration = .init()) {
        layout = SQLiteLayout(dataDirectory: dataDirectory)
        self.objectStore = objectStore
        self.configuration = configuration
        database = TableDatabase(
            layout: layout, busyTimeoutMs: configuration.busyTimeoutMs,
            modeBytes: configuration.queryLimits.maxAggregateBytes)
        configuration.queryLimits.applyHeapLimits()
        cache = ResultCache(capacity: configuration.resultCacheEntries, maxCells: configuration.resultCacheMaxCells)
    }

    public func tables(for principal: Principal) async throws -> [TableInfo] {
        guard database.exists(for: principal) else { return [] }
        let database = database
        return try await BlockingExecutor.run {
            let c = try database.openReader(for: principal)
            return try Catalog.all(on: c).map(\.info)
        }
    }

    public func describe(table: String, for principal: Principal) async throws -> TableInfo {
        guard database.exists(for: principal) else { throw Self.notFound(table) }
        let database = database
        return try await BlockingExecutor.run {
            let c = try database.openReader(for: principal)
            guard let e = try Catalog.entry(named: table, on: c) else { throw Self.notFound(table) }
            return e.info
        }
    }

    public func run(_ sql: String, for principal: Principal, options: QueryOptions, cancellation: CancellationFlag?)
        async throws -> QueryResult
    {
        if sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw TableTalkError(.invalidArgument, "the SQL text is empty")
        }
        let control = QueryControl(timeout: options.timeout, cancellation: cancellation)
        let database = database
        let cache = cache
        let limits = configuration.queryLimits
        let work: @Sendable () throws -> QueryResult = {
            if control.shouldStop { throw QueryRunner.stopError(control, options: options) }
            let c = try database.openReader(for: principal)
            let names = try Catalog.names(on: c)
            let key = ResultCache.Key(
                principal: principal.id, sql: sql, maxRows: options.maxRows, offset: options.offset,
                generation: Catalog.generation(on: c) ?? -1)
            if var hit = cache.get(key) {
                hit.cached = true
                hit.elapsedMs = 0
                return hit
            }
            let runner = QueryRunner(sql: sql, options: options, allowedTables: names, limits: limits)
            let (result, cacheable) = try runner.run(on: c, control: control)
            if cacheable { cache.put(key, result) }
            return result
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<QueryResult, any Error>) in
                // Answered once: by the statement, or at the deadline (or a cancellation) when it does not stop.
                let reply = OnceReply(continuation)
                control.arm { _ in reply.resume(with: .failure(QueryRunner.stopError(control, options: options))) }
                BlockingExecutor.submit {
                    let result = Result { try work() }
                    control.disarm()
                    reply.resume(with: result)
                }
            }
        } onCancel: {
            control.interrupt()
        }
    }

    static func notFound(_ table: String) -> TableTalkError {
        TableTalkError(.tableNotFound, "no table named \(table)", details: ["table": table])
    }
}

/// A continuation resumed by whichever comes first (the others are ignored).
private final class OnceReply<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ c: CheckedContinuation<T, any Error>) { continuation = Mutex(c) }

    func resume(with result: Result<T, any Error>) {
        let c = continuation.withLock { c in
            let taken = c
            c = nil
            return taken
        }
        c?.resume(with: result)
    }
}
