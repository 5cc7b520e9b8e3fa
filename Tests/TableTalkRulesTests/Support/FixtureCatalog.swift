import Foundation
import TableTalkCore

/// Hand-made catalogs (Fixtures/catalog.json) and the other fixture files of this target.
enum FixtureCatalog {
    /// The fixture directory inside the test bundle.
    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// All tables of catalog.json by name.
    static let tables: [String: TableInfo] = {
        struct File: Decodable {
            struct Table: Decodable {
                var name: String
                var rows: Int
                var columns: [Column]
            }
            struct Column: Decodable {
                var name: String
                var label: String
                var type: String
                var values: [String]?
                var distinct: Int?
                var examples: [String]?
            }
            var tables: [Table]
        }
        let data = try! Data(contentsOf: url("catalog.json"))
        let file = try! JSONDecoder().decode(File.self, from: data)
        var out: [String: TableInfo] = [:]
        for t in file.tables {
            let columns = t.columns.map { c in
                ColumnInfo(
                    name: c.name, label: c.label, type: ColumnType(rawValue: c.type)!,
                    examples: c.examples ?? Array((c.values ?? []).prefix(3)), distinctValues: c.values,
                    distinctCount: c.distinct ?? c.values?.count)
            }
            out[t.name] = TableInfo(
                name: t.name, sourceFile: "\(t.name).csv", rowCount: t.rows, columns: columns,
                createdAt: Date(timeIntervalSince1970: 0))
        }
        return out
    }()

    /// The named tables, in order.
    static func tables(_ names: [String]) -> [TableInfo] { names.map { tables[$0]! } }

    /// Decodes each line of a JSON Lines fixture.
    static func lines<T: Decodable>(_ name: String, as type: T.Type) -> [T] {
        let text = try! String(contentsOf: url(name), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.isEmpty }.map { try! JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }
}
