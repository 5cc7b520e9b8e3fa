import CSQLite

/// A prepared statement; finalized when released.
final class SQLiteStatement {
    let stmt: OpaquePointer
    private let connection: SQLiteConnection

    init(_ stmt: OpaquePointer, connection: SQLiteConnection) {
        self.stmt = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    /// Steps once: true when a row is available, false when done.
    @discardableResult
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteFailure(code: rc, message: connection.errorMessage)
    }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(stmt, index, value, -1, tt_sqlite_transient())
        } else {
            sqlite3_bind_null(stmt, index)
        }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(stmt, index, value) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(stmt, index, value) }

    /// Binds values in order (1-based) and steps to completion.
    func run(_ values: [SQLValue]) throws {
        for (i, v) in values.enumerated() { v.bind(to: self, at: Int32(i + 1)) }
        while try step() {}
        reset()
    }

    var columnCount: Int32 { sqlite3_column_count(stmt) }
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    func int(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(stmt, i) }
    func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, i) else { return nil }
        return String(cString: p)
    }
}

/// A value to bind in the adapter's own SQL (catalog, history).
enum SQLValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    init(_ s: String?) { self = s.map { .text($0) } ?? .null }

    func bind(to s: SQLiteStatement, at i: Int32) {
        switch self {
        case .null: sqlite3_bind_null(s.stmt, i)
        case .int(let v): s.bind(i, v)
        case .double(let v): s.bind(i, v)
        case .text(let v): s.bind(i, v)
        }
    }
}
