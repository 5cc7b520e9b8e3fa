import CSQLite

/// The authorizer of user SQL: only `SELECT`, reads of the principal's own tables, of CTEs and subqueries,
/// and functions that touch nothing outside the query. Everything else — ATTACH, DETACH, PRAGMA, writes,
/// schema changes (temp ones included), transactions, the catalog, `sqlite_master`, every virtual table
/// (`pragma_*`, `dbstat`, table-valued functions such as `json_each`), `load_extension` and the shell's file
/// functions — is denied, and the first denial is kept for the error.
///
/// SQLite reports a read of a CTE like a read of a table (sometimes without a schema name), so a read is
/// allowed when the name is one of the principal's tables, denied when it names any other real object of the
/// database (``protectedNames``: every schema object, SQLite's internal tables, every registered module), and
/// otherwise allowed as the read of a CTE or subquery, which can only reach allowed tables itself.
final class QueryGuard {
    static let deniedFunctions: Set<String> = [
        "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "fts5_tokenizer", "zipfile",
        "sqlar_compress", "sqlar_uncompress", "lsdir", "fsdir", "shell_add_schema", "sqlite_dbdata", "sqlite_dbptr",
    ]
    static let internalNames: Set<String> = [
        "sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema", "sqlite_sequence",
        "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4", "dbstat", "sqlite_dbpage", "sqlite_stmt",
        "sqlite_dbdata", "sqlite_dbptr", "json_each", "json_tree", "generate_series", "fts3tokenize", "fts4aux",
        "fts5vocab", "zipfile", "fsdir", "completion",
    ]

    private let allowedTables: Set<String>
    private let protectedNames: Set<String>
    /// What was denied first, for the error message ("ATTACH", "reading table sqlite_master", …).
    private(set) var denial: String?
    /// True when the first denial was SQLite's own write to the schema table, which it makes before naming the
    /// real operation (`DROP TABLE` first asks to delete from `sqlite_master`; the first use of `json_each` or
    /// `pragma_table_info` asks to update it): ``refusal(of:)`` then names the statement's own operation.
    private(set) var deniedSchemaWrite = false
    /// Functions the statement calls (lowercased), to keep nondeterministic results out of the cache.
    private(set) var functions: Set<String> = []

    /// - Parameters:
    ///   - allowedTables: the principal's user tables.
    ///   - protectedNames: every other object name of the database and every registered module.
    init(allowedTables tables: [String], protectedNames: [String]) {
        allowedTables = Set(tables.map { $0.lowercased() })
        self.protectedNames = Self.internalNames.union(protectedNames.map { $0.lowercased() })
    }

    /// Installs this guard on `db`; it must outlive the statements prepared there.
    func install(on db: OpaquePointer) {
        sqlite3_set_authorizer(db, guardCallback, Unmanaged.passUnretained(self).toOpaque())
    }

    func authorize(_ action: Int32, _ a1: String?, _ a2: String?, _ a3: String?) -> Int32 {
        switch action {
        case SQLITE_SELECT, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_READ:
            let table = (a1 ?? "").lowercased()
            let schema = (a3 ?? "main").lowercased()
            if schema != "main" { return deny("reading table \(a1 ?? "?") in \(schema)") }
            if allowedTables.contains(table) { return SQLITE_OK }
            if protectedNames.contains(table) || table.hasPrefix("pragma_") || table.hasPrefix("sqlite_")
                || table.hasPrefix("_tabletalk")
            {
                return deny("reading table \(a1 ?? "?")")
            }
            return SQLITE_OK  // a CTE or subquery
        case SQLITE_FUNCTION:
            let name = (a2 ?? "").lowercased()
            functions.insert(name)
            return Self.deniedFunctions.contains(name) ? deny("function \(name)()") : SQLITE_OK
        case SQLITE_PRAGMA:
            return deny("PRAGMA \(a1 ?? "")\(a2.map { "=\($0)" } ?? "")")
        case SQLITE_ATTACH: return deny("ATTACH")
        case SQLITE_DETACH: return deny("DETACH")
        case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
            if denial == nil, Self.schemaTables.contains((a1 ?? "").lowercased()) { deniedSchemaWrite = true }
            let verb = action == SQLITE_INSERT ? "INSERT into" : action == SQLITE_UPDATE ? "UPDATE of" : "DELETE from"
            return deny("\(verb) \(a1 ?? "?")")
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return deny("transaction control (\(a1 ?? ""))")
        default: return deny(Self.name(of: action) + (a1.map { " \($0)" } ?? ""))
        }
    }

    /// What the refusal of `sql` names: the first denial, or — when that was SQLite's own schema write — the
    /// statement's operation (`DROP TABLE`) or the built-in table it reads (`table-valued function json_each`).
    func refusal(of sql: String) -> String? {
        guard let denial else { return nil }
        guard deniedSchemaWrite else { return denial }
        return RefusalName.describe(sql, isProtected: isProtected) ?? denial
    }

    /// True for names a query may not read: SQLite's internal and virtual tables, other schema objects, ours.
    func isProtected(_ name: String) -> Bool {
        let n = name.lowercased()
        if allowedTables.contains(n) { return false }
        return protectedNames.contains(n) || n.hasPrefix("pragma_") || n.hasPrefix("sqlite_") || n.hasPrefix("_tabletalk")
    }

    static let schemaTables: Set<String> = ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"]

    private func deny(_ what: String) -> Int32 {
        if denial == nil { denial = what }
        return SQLITE_DENY
    }

    private static func name(of action: Int32) -> String {
        switch action {
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX: return "CREATE INDEX"
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_TABLE: return "CREATE TABLE"
        case SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TRIGGER"
        case SQLITE_CREATE_VIEW, SQLITE_CREATE_TEMP_VIEW: return "CREATE VIEW"
        case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE"
        case SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX: return "DROP INDEX"
        case SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_TABLE: return "DROP TABLE"
        case SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER: return "DROP TRIGGER"
        case SQLITE_DROP_VIEW, SQLITE_DROP_TEMP_VIEW: return "DROP VIEW"
        case SQLITE_DROP_VTABLE: return "DROP VIRTUAL TABLE"
        case SQLITE_ALTER_TABLE: return "ALTER TABLE"
        case SQLITE_REINDEX: return "REINDEX"
        case SQLITE_ANALYZE: return "ANALYZE"
        default: return "operation \(action)"
        }
    }
}

private let guardCallback:
    @convention(c) (
        UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
        UnsafePointer<CChar>?
    ) -> Int32 = { ctx, action, a1, a2, a3, _ in
        guard let ctx else { return SQLITE_DENY }
        let g = Unmanaged<QueryGuard>.fromOpaque(ctx).takeUnretainedValue()
        return g.authorize(action, a1.map { String(cString: $0) }, a2.map { String(cString: $0) }, a3.map { String(cString: $0) })
    }
