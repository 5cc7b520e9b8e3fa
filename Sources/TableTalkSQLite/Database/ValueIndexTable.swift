import Foundation
import TableTalkCore

/// The value index of each table version, in `_tabletalk_value_index` of the principal's `tables.sqlite` (one row
/// per table: its version, creation time and column → values as JSON). Like the catalog, user SQL never reads it.
/// Created on the first write; a dropped table's row goes with it, a renamed or re-uploaded table is read again.
enum ValueIndexTable {
    static let table = "_tabletalk_value_index"

    static func create(on c: SQLiteConnection) throws {
        try c.execute(
            """
            CREATE TABLE IF NOT EXISTS \(table)(
              table_name TEXT PRIMARY KEY COLLATE NOCASE, version INTEGER NOT NULL, created_at REAL NOT NULL,
              columns TEXT NOT NULL);
            """)
    }

    static func exists(on c: SQLiteConnection) throws -> Bool { try c.hasTable(table) }

    /// The values stored for exactly this version of the table, or nil.
    static func values(of info: TableInfo, on c: SQLiteConnection) throws -> [String: [String]]? {
        guard try exists(on: c) else { return nil }
        let s = try c.prepare("SELECT version, created_at, columns FROM \(table) WHERE table_name = ?1")
        s.bind(1, info.name)
        guard try s.step(), Int(s.int(0)) == info.version, s.double(1) == info.createdAt.timeIntervalSince1970,
            let json = s.text(2)
        else { return nil }
        return try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8))
    }

    static func store(_ values: [String: [String]], of info: TableInfo, on c: SQLiteConnection) throws {
        try create(on: c)
        let json = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        try c.prepare("INSERT OR REPLACE INTO \(table)(table_name, version, created_at, columns) VALUES (?1, ?2, ?3, ?4)")
            .run([.text(info.name), .int(Int64(info.version)), .double(info.createdAt.timeIntervalSince1970), .text(json)])
    }

    /// Forgets a dropped or renamed table's values.
    static func forget(table name: String, on c: SQLiteConnection) throws {
        guard try exists(on: c) else { return }
        try c.prepare("DELETE FROM \(table) WHERE table_name = ?1").run([.text(name)])
    }
}
