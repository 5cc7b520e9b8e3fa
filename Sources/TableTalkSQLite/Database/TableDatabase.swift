import Foundation
import Synchronization
import TableTalkCore

/// Opens a principal's `tables.sqlite`: writers (WAL, catalog created on first use in this process) and plain
/// read-only connections. Every connection gets the extra aggregate functions.
struct TableDatabase: Sendable {
    let layout: SQLiteLayout
    let busyTimeoutMs: Int
    /// The bound of `mode()`'s state (``QueryLimits/maxAggregateBytes``).
    var modeBytes: Int = QueryLimits().maxAggregateBytes

    private static let prepared = Mutex<Set<String>>([])

    func path(for principal: Principal) -> String { layout.tablesDatabase(for: principal).path }

    func openWriter(for principal: Principal) throws -> SQLiteConnection {
        try layout.ensureUserDirectory(for: principal)
        let path = path(for: principal)
        let isNew = !FileManager.default.fileExists(atPath: path)
        let c = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMs: Int32(clamping: busyTimeoutMs))
        if isNew || !Self.prepared.withLock({ $0.contains(path) }) {
            try c.execute("PRAGMA page_size=16384")
            try c.execute("PRAGMA journal_mode=WAL")
            try Catalog.create(on: c)
            _ = Self.prepared.withLock { $0.insert(path) }
        }
        try c.execute("PRAGMA synchronous=NORMAL")
        try c.execute("PRAGMA journal_size_limit=67108864")
        SQLiteAggregates.register(on: c.db, modeBytes: modeBytes)
        return c
    }

    /// A read-only connection, creating the database first when the principal has none yet.
    func openReader(for principal: Principal) throws -> SQLiteConnection {
        let path = path(for: principal)
        if !FileManager.default.fileExists(atPath: path) { _ = try openWriter(for: principal) }
        let c = try SQLiteConnection(path: path, readOnly: true, busyTimeoutMs: Int32(clamping: busyTimeoutMs))
        SQLiteAggregates.register(on: c.db, modeBytes: modeBytes)
        return c
    }

    /// True when the principal has a database (without creating one).
    func exists(for principal: Principal) -> Bool { FileManager.default.fileExists(atPath: path(for: principal)) }
}
