import Foundation
import TableTalkCore

/// The other names a principal gives columns, in `_tabletalk_column_aliases` of their `tables.sqlite` (one row per
/// named column: the table, the column and its names as a JSON array). Like the catalog, user SQL never reads it.
/// Created on the first write, so reads of an older database find no table and mean "no names".
enum ColumnAliasTable {
    static let table = "_tabletalk_column_aliases"

    static func create(on c: SQLiteConnection) throws {
        try c.execute(
            """
            CREATE TABLE IF NOT EXISTS \(table)(
              table_name TEXT NOT NULL COLLATE NOCASE, column_name TEXT NOT NULL, names TEXT NOT NULL,
              PRIMARY KEY(table_name, column_name));
            """)
    }

    static func exists(on c: SQLiteConnection) throws -> Bool { try c.hasTable(table) }

    /// Every stored name, table → column → names (as stored; callers keep the ones whose column still exists).
    static func all(on c: SQLiteConnection) throws -> [String: [String: [String]]] {
        guard try exists(on: c) else { return [:] }
        let s = try c.prepare("SELECT table_name, column_name, names FROM \(table)")
        var out: [String: [String: [String]]] = [:]
        while try s.step() {
            guard let t = s.text(0), let col = s.text(1), let json = s.text(2),
                let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)), !names.isEmpty
            else { continue }
            out[t, default: [:]][col] = names
        }
        return out
    }

    /// Replaces one column's names; an empty list deletes the row.
    static func set(_ names: [String], table name: String, column: String, on c: SQLiteConnection) throws {
        try create(on: c)
        if names.isEmpty {
            let s = try c.prepare("DELETE FROM \(table) WHERE table_name = ?1 AND column_name = ?2")
            try s.run([.text(name), .text(column)])
            return
        }
        let json = String(decoding: try JSONEncoder().encode(names), as: UTF8.self)
        let s = try c.prepare("INSERT OR REPLACE INTO \(table)(table_name, column_name, names) VALUES (?1, ?2, ?3)")
        try s.run([.text(name), .text(column), .text(json)])
    }

    /// Forgets a dropped table's names.
    static func forget(table name: String, on c: SQLiteConnection) throws {
        guard try exists(on: c) else { return }
        try c.prepare("DELETE FROM \(table) WHERE table_name = ?1").run([.text(name)])
    }

    /// Moves a renamed table's names to its new name.
    static func move(table name: String, to newName: String, on c: SQLiteConnection) throws {
        guard try exists(on: c) else { return }
        try c.prepare("UPDATE \(table) SET table_name = ?2 WHERE table_name = ?1").run([.text(name), .text(newName)])
    }

    /// Keeps the names of columns `tables` still have, under their canonical names.
    static func current(_ stored: [String: [String: [String]]], tables: [TableInfo]) -> [String: [String: [String]]] {
        var out: [String: [String: [String]]] = [:]
        for t in tables {
            guard let byColumn = stored.first(where: { $0.key.lowercased() == t.name.lowercased() })?.value else { continue }
            for c in t.columns { if let names = byColumn[c.name], !names.isEmpty { out[t.name, default: [:]][c.name] = names } }
        }
        return out
    }
}
