import Foundation
import TableTalkCore

/// The values a column held before its first re-type, so that no re-type destroys data: every later re-type
/// converts from them, and changing the column back to its original type puts them back exactly (and forgets
/// them). Kept in the principal's `tables.sqlite`, in tables user SQL can never read (like the catalog):
/// `_tabletalk_original_columns` (table, column, original type) and `_tabletalk_original_values`
/// (table, column, rowid, value; NULLs are not stored). Dropping a table forgets them; renaming moves them.
enum OriginalValues {
    static let columns = "_tabletalk_original_columns"
    static let values = "_tabletalk_original_values"

    static func create(on c: SQLiteConnection) throws {
        try c.execute(
            """
            CREATE TABLE IF NOT EXISTS \(columns)(
              table_name TEXT NOT NULL COLLATE NOCASE, column_name TEXT NOT NULL COLLATE NOCASE, type TEXT NOT NULL,
              PRIMARY KEY(table_name, column_name));
            CREATE TABLE IF NOT EXISTS \(values)(
              table_name TEXT NOT NULL COLLATE NOCASE, column_name TEXT NOT NULL COLLATE NOCASE, rid INTEGER NOT NULL, value,
              PRIMARY KEY(table_name, column_name, rid)) WITHOUT ROWID;
            """)
    }

    static func exists(on c: SQLiteConnection) throws -> Bool { try c.hasTable(columns) }

    /// The column's type before its first re-type; nil when it was never re-typed (or was changed back).
    static func originalType(table: String, column: String, on c: SQLiteConnection) throws -> ColumnType? {
        guard try exists(on: c) else { return nil }
        let s = try c.prepare("SELECT type FROM \(columns) WHERE table_name = ?1 AND column_name = ?2")
        s.bind(1, table)
        s.bind(2, column)
        return try s.step() ? s.text(0).flatMap(ColumnType.init(rawValue:)) : nil
    }

    /// Keeps the column's current values (by rowid) and type as its originals.
    static func save(table: String, column: String, type: ColumnType, rowid: String, on c: SQLiteConnection) throws {
        try create(on: c)
        try c.prepare("INSERT INTO \(columns)(table_name, column_name, type) VALUES (?1, ?2, ?3)")
            .run([.text(table), .text(column), .text(type.rawValue)])
        try c.execute(
            """
            INSERT INTO \(values)(table_name, column_name, rid, value)
            SELECT \(literal(table)), \(literal(column)), \(rowid), \(quoteIdentifier(column)) FROM \(quoteIdentifier(table))
            WHERE \(quoteIdentifier(column)) IS NOT NULL
            """)
    }

    /// A `FROM` clause giving each row of `table` (as `t`) its column's original value (as `o.value`).
    static func join(table: String, column: String, rowid: String) -> String {
        "\(quoteIdentifier(table)) AS t LEFT JOIN \(values) AS o ON o.table_name = \(literal(table)) "
            + "AND o.column_name = \(literal(column)) AND o.rid = t.\(rowid)"
    }

    /// Forgets one column's originals (it holds them again), or every column's of a dropped or replaced table.
    static func forget(table: String, column: String? = nil, on c: SQLiteConnection) throws {
        guard try exists(on: c) else { return }
        for t in [columns, values] {
            if let column {
                try c.prepare("DELETE FROM \(t) WHERE table_name = ?1 AND column_name = ?2").run([.text(table), .text(column)])
            } else {
                try c.prepare("DELETE FROM \(t) WHERE table_name = ?1").run([.text(table)])
            }
        }
    }

    /// Moves a renamed table's originals to its new name.
    static func move(table: String, to newName: String, on c: SQLiteConnection) throws {
        guard try exists(on: c) else { return }
        for t in [columns, values] {
            try c.prepare("UPDATE \(t) SET table_name = ?2 WHERE table_name = ?1").run([.text(table), .text(newName)])
        }
    }

    /// A SQL string literal (names are interpolated into one statement that also reads the user table).
    static func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}
