import Foundation
import TableTalkCore
import TableTalkRules
import TableTalkSQLite

/// Real SQLite tables from fixture CSV files in a temporary directory, with the translator wired to them the
/// way `tabletalk ask` does it (catalog from the engine, a value index from `SELECT DISTINCT`).
struct SQLiteWorkspace {
    let directory: URL
    let engine: SQLiteEngine
    let tables: [TableInfo]
    let index: ValueIndex
    let translator = RulesTranslator()

    /// Real SQLite tables from fixture CSV files (`Fixtures/csv`).
    static func make(_ files: [String]) async throws -> SQLiteWorkspace {
        try await make(urls: files.map { FixtureCatalog.url("csv/\($0)") })
    }

    /// Real SQLite tables from CSV files anywhere (table name from the file name).
    static func make(urls: [URL]) async throws -> SQLiteWorkspace {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = SQLiteConfiguration(rawFiles: .none, resultCacheEntries: 0)
        let ingestor = SQLiteIngestor(dataDirectory: dir, configuration: config)
        let engine = SQLiteEngine(dataDirectory: dir, configuration: config)
        for url in urls {
            _ = try await ingestor.ingest(file: url, table: "", sourceName: url.lastPathComponent, for: .local) { _ in }
        }
        let tables = try await engine.tables(for: .local)
        var values: [String: [String: [String]]] = [:]
        for t in tables {
            var columns: [String: [String]] = [:]
            for c in t.columns where c.type == .text {
                let r = try await engine.run(
                    "SELECT DISTINCT \"\(c.name)\" FROM \"\(t.name)\" WHERE \"\(c.name)\" IS NOT NULL", for: .local,
                    options: QueryOptions(maxRows: 5000), cancellation: nil)
                columns[c.name] = r.rows.compactMap { $0.first?.textValue }
            }
            values[t.name] = columns
        }
        return SQLiteWorkspace(directory: dir, engine: engine, tables: tables, index: ValueIndex(values: values))
    }

    /// Translates and runs a question; the result is nil when the translator asked for clarification.
    func ask(_ q: String, previous: QueryPlan? = nil) async throws -> (Translation, QueryResult?) {
        let t = translator.translateNow(q, context: TranslationContext(tables: tables, previousPlan: previous, valueLookup: index))
        guard let sql = t.sql else { return (t, nil) }
        return (t, try await engine.run(sql, for: .local, options: QueryOptions(maxRows: 1000), cancellation: nil))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension CellValue {
    /// The value as a number, for comparisons with a tolerance.
    var number: Double? { doubleValue }
}
