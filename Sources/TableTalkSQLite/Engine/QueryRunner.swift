import CSQLite
import Dispatch
import Foundation
import TableTalkCore

/// Runs one user statement on a fresh read-only connection under the guard: `SQLITE_LIMIT_ATTACHED = 0`,
/// defensive mode, no extension loading, the authorizer, exactly one statement, a deadline, a row cap and the
/// cost bounds of ``QueryLimits`` (largest value, largest reply).
struct QueryRunner {
    var sql: String
    var options: QueryOptions
    var allowedTables: [String]
    var limits = QueryLimits()

    func run(on connection: SQLiteConnection, control: QueryControl) throws -> (result: QueryResult, cacheable: Bool) {
        let started = DispatchTime.now().uptimeNanoseconds
        let db = connection.db
        if sql.utf8.contains(0) {
            throw TableTalkError(
                .sqlSyntax, "the SQL text contains a NUL character (U+0000); remove it", details: ["reason": "nul"])
        }
        harden(db)
        let guardian = QueryGuard(allowedTables: allowedTables, protectedNames: Self.objectNames(connection))
        guardian.install(on: db)
        defer { sqlite3_set_authorizer(db, nil, nil) }
        let stmt = try prepare(db, guardian: guardian)
        defer { sqlite3_finalize(stmt) }
        guard sqlite3_stmt_readonly(stmt) != 0 else {
            throw TableTalkError(.sqlNotAllowed, "not allowed: only read-only statements can run")
        }
        control.attach(db)
        defer { control.detach() }
        if control.reason == .cancelled { throw TableTalkError(.queryCancelled, "the query was cancelled") }
        let (columns, rows, truncated) = try fetch(stmt, db: db, control: control)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        let result = QueryResult(
            columns: columns, rows: rows, truncated: truncated,
            nextOffset: truncated ? options.offset + rows.count : nil, elapsedMs: elapsed)
        let volatile = ["random", "randomblob", "changes", "total_changes", "last_insert_rowid"]
        let lowered = sql.lowercased()
        let cacheable =
            !guardian.functions.contains(where: volatile.contains) && !lowered.contains("'now'")
            && !lowered.contains("current_")
        return (result, cacheable)
    }

    private func harden(_ db: OpaquePointer) {
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, Int32(clamping: max(limits.maxValueBytes, 1 << 20)))
        PrintfGuard.install(on: db, limit: max(limits.maxValueBytes, 1 << 20))
        _ = tt_sqlite3_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 1)
        _ = tt_sqlite3_db_config_int(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0)
        _ = tt_sqlite3_db_config_int(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0)
        _ = tt_sqlite3_db_config_int(db, SQLITE_DBCONFIG_DQS_DML, 0)
        _ = tt_sqlite3_db_config_int(db, SQLITE_DBCONFIG_DQS_DDL, 0)
    }

    private func prepare(_ db: OpaquePointer, guardian: QueryGuard) throws -> OpaquePointer {
        var stmt: OpaquePointer?
        var rest = ""
        let rc = sql.withCString { base -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, base, -1, 0, &stmt, &tail)
            if let tail { rest = String(cString: tail) }
            return rc
        }
        if rc != SQLITE_OK {
            sqlite3_finalize(stmt)
            let message = String(cString: sqlite3_errmsg(db))
            if rc & 0xFF == SQLITE_AUTH || guardian.denial != nil {
                let what = guardian.refusal(of: sql) ?? message
                throw TableTalkError(.sqlNotAllowed, "not allowed: \(what)", details: ["denied": what])
            }
            throw Self.mapPrepareError(message)
        }
        guard let stmt else { throw TableTalkError(.sqlSyntax, "the SQL text holds no statement") }
        if !SQLTail.isEmpty(rest) {
            sqlite3_finalize(stmt)
            throw TableTalkError(.multipleStatements, "only one statement per query; found more after the first")
        }
        return stmt
    }

    /// Every object name of the database and every registered module (read before the guard is installed).
    static func objectNames(_ c: SQLiteConnection) -> [String] {
        var names: [String] = []
        for sql in ["SELECT name FROM sqlite_schema", "PRAGMA module_list"] {
            guard let s = try? c.prepare(sql) else { continue }
            while (try? s.step()) == true { if let n = s.text(0) { names.append(n) } }
        }
        return names
    }

    static func mapPrepareError(_ message: String) -> TableTalkError {
        if message.hasPrefix("no such table:") {
            let name = message.dropFirst("no such table:".count).trimmingCharacters(in: .whitespaces)
            return TableTalkError(.tableNotFound, "no table named \(name)", details: ["table": name])
        }
        if message.hasPrefix("no such column:") {
            let name = message.dropFirst("no such column:".count).trimmingCharacters(in: .whitespaces)
            return TableTalkError(.columnNotFound, "no column named \(name)", details: ["column": name])
        }
        return TableTalkError(.sqlSyntax, message)
    }
}
