import Foundation
import TableTalkCore

/// One catalog row: the table's facts and where its raw file is kept.
struct CatalogEntry: Sendable, Hashable {
    var info: TableInfo
    /// Object-store key of the raw file, when one was kept.
    var objectKey: String?
}

/// The catalog lives in each principal's `tables.sqlite`, in tables user SQL can never read (the query guard
/// allows only the principal's own user tables): `_tabletalk_catalog` (one JSON `TableInfo` per table) and
/// `_tabletalk_meta` (a generation counter bumped on every change, for result-cache keys).
enum Catalog {
    static let table = "_tabletalk_catalog"
    static let meta = "_tabletalk_meta"
    /// Names reserved for the adapter; user tables may not start with these.
    static let reservedPrefixes = ["_tabletalk", "sqlite_"]

    /// Creates the catalog tables when missing, in one transaction: another process's reader sees all or none.
    static func create(on c: SQLiteConnection) throws {
        do {
            try createTables(on: c)
        } catch {
            try? c.execute("ROLLBACK")
            throw error
        }
    }

    private static func createTables(on c: SQLiteConnection) throws {
        try c.execute(
            """
            BEGIN IMMEDIATE;
            CREATE TABLE IF NOT EXISTS \(table)(
              name TEXT PRIMARY KEY COLLATE NOCASE, info TEXT NOT NULL, object_key TEXT, created_at REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS \(meta)(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT OR IGNORE INTO \(meta)(key, value) VALUES ('generation', 0);
            COMMIT;
            """)
    }

    static func all(on c: SQLiteConnection) throws -> [CatalogEntry] {
        let s = try c.prepare("SELECT info, object_key FROM \(table) ORDER BY name")
        var out: [CatalogEntry] = []
        while try s.step() { out.append(try decode(s)) }
        return out
    }

    /// Just the table names (what the query guard needs), without decoding every entry.
    static func names(on c: SQLiteConnection) throws -> [String] {
        let s = try c.prepare("SELECT name FROM \(table)")
        var out: [String] = []
        while try s.step() { if let n = s.text(0) { out.append(n) } }
        return out
    }

    static func entry(named name: String, on c: SQLiteConnection) throws -> CatalogEntry? {
        let s = try c.prepare("SELECT info, object_key FROM \(table) WHERE name = ?1")
        s.bind(1, name)
        return try s.step() ? try decode(s) : nil
    }

    static func upsert(_ e: CatalogEntry, on c: SQLiteConnection) throws {
        let json = String(decoding: try encoder.encode(e.info), as: UTF8.self)
        let s = try c.prepare(
            "INSERT OR REPLACE INTO \(table)(name, info, object_key, created_at) VALUES (?1, ?2, ?3, ?4)")
        try s.run([.text(e.info.name), .text(json), SQLValue(e.objectKey), .double(e.info.createdAt.timeIntervalSince1970)])
    }

    static func delete(_ name: String, on c: SQLiteConnection) throws {
        let s = try c.prepare("DELETE FROM \(table) WHERE name = ?1")
        try s.run([.text(name)])
    }

    static func bumpGeneration(on c: SQLiteConnection) throws {
        try c.execute("UPDATE \(meta) SET value = value + 1 WHERE key = 'generation'")
    }

    /// The generation counter, or nil when the catalog does not exist yet.
    static func generation(on c: SQLiteConnection) -> Int64? {
        guard let s = try? c.prepare("SELECT value FROM \(meta) WHERE key = 'generation'") else { return nil }
        return (try? s.step()) == true ? s.int(0) : nil
    }

    private static func decode(_ s: SQLiteStatement) throws -> CatalogEntry {
        let info = try decoder.decode(TableInfo.self, from: Data((s.text(0) ?? "").utf8))
        return CatalogEntry(info: info, objectKey: s.text(1))
    }

    private static let encoder = JSONEncoder()
    private static let decoder = JSONDecoder()
}
