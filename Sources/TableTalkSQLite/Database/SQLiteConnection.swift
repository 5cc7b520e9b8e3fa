import CSQLite
import Foundation
import TableTalkCore

/// A thin owner of one `sqlite3*` handle. Not thread-safe by design: each connection is used by one job
/// (an ingest, a query, a catalog change) on one thread, and opened without SQLite's own mutex.
final class SQLiteConnection {
    let db: OpaquePointer
    let path: String

    /// Opens `path`; `readOnly` connections never write (`SQLITE_OPEN_READONLY`).
    init(path: String, readOnly: Bool, busyTimeoutMs: Int32 = 60_000) throws {
        var handle: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
            | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw TableTalkError(.internalFailure, "cannot open database \(path): \(message)")
        }
        db = handle
        self.path = path
        sqlite3_busy_timeout(db, busyTimeoutMs)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(db) }

    var errorMessage: String { String(cString: sqlite3_errmsg(db)) }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(err)
            throw SQLiteFailure(code: rc, message: message)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, 0, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw SQLiteFailure(code: rc, message: errorMessage) }
        return SQLiteStatement(stmt, connection: self)
    }

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// First column of the first row as an integer (0 when there is no row).
    func scalarInt(_ sql: String) throws -> Int64 {
        let s = try prepare(sql)
        return try s.step() ? s.int(0) : 0
    }
}

/// An SQLite error code and message, before it is mapped to a ``TableTalkError``.
struct SQLiteFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var primaryCode: Int32 { code & 0xFF }
    var description: String { "SQLite error \(code): \(message)" }
    var asTableTalkError: TableTalkError { TableTalkError(.internalFailure, "database error: \(message)") }
}

/// Quotes an identifier for SQL (`"name"`, with embedded quotes doubled).
func quoteIdentifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

extension SQLiteConnection {
    /// True when the database has a table of this name (the adapter's side tables are created on first write).
    func hasTable(_ name: String) throws -> Bool {
        let s = try prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        s.bind(1, name)
        return try s.step()
    }
}
