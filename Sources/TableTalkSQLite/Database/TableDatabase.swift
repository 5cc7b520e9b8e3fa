import Foundation
import Synchronization
import TableTalkCore

/// Opens a principal's `tables.sqlite`: writers (WAL, catalog created on first use in this process, once, under
/// a lock) and plain read-only connections, which never open a database before its catalog is there. Every connection gets the extra aggregate functions.
struct TableDatabase: Sendable {
    let layout: SQLiteLayout
    let busyTimeoutMs: Int
    /// The bound of `mode()`'s state (``QueryLimits/maxAggregateBytes``).
    var modeBytes: Int = QueryLimits().maxAggregateBytes

    /// Databases whose catalog this process has made sure of (created, or found).
    private static let prepared = Mutex<Set<String>>([])

    private static func isPrepared(_ path: String) -> Bool { prepared.withLock { $0.contains(path) } }

    func path(for principal: Principal) -> String { layout.tablesDatabase(for: principal).path }

    func openWriter(for principal: Principal) throws -> SQLiteConnection {
        try layout.ensureUserDirectory(for: principal)
        let path = path(for: principal)
        let c = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMs: Int32(clamping: busyTimeoutMs))
        if !Self.isPrepared(path) {
            // Under the lock: a concurrent first request waits here instead of reading a file without a catalog.
            try Self.prepared.withLock { prepared in
                guard !prepared.contains(path) else { return }
                try c.execute("PRAGMA page_size=16384")
                try c.execute("PRAGMA journal_mode=WAL")
                try Catalog.create(on: c)
                prepared.insert(path)
            }
        }
        try c.execute("PRAGMA synchronous=NORMAL")
        try c.execute("PRAGMA journal_size_limit=67108864")
        SQLiteAggregates.register(on: c.db, modeBytes: modeBytes)
        return c
    }

    /// A read-only connection, creating the database and its catalog first when this process has not yet (a
    /// file that merely exists may be one another request is creating this instant).
    func openReader(for principal: Principal) throws -> SQLiteConnection {
        let path = path(for: principal)
        if !Self.isPrepared(path) { _ = try openWriter(for: principal) }
        let c = try SQLiteConnection(path: path, readOnly: true, busyTimeoutMs: Int32(clamping: busyTimeoutMs))
        SQLiteAggregates.register(on: c.db, modeBytes: modeBytes)
        return c
    }

    /// True when the principal has a database (without creating one).
    func exists(for principal: Principal) -> Bool { FileManager.default.fileExists(atPath: path(for: principal)) }
}
