import Synchronization
import TableTalkCore
import TableTalkRules

/// Builds the ``ValueIndex`` the translator links data values with: the catalog's distinct values where it has
/// them, and `SELECT DISTINCT` (bounded per column) of the other text columns, read once per table version and
/// kept for later questions, so names in big tables are found too ("over 50,000 rows" used to mean samples only).
struct ValueIndexBuilder: Sendable {
    let engine: any SQLEngine
    let principal: Principal
    /// Tables with more rows are indexed from catalog samples only (one `SELECT DISTINCT` per text column would
    /// take seconds there).
    var maxRows = 2_000_000
    /// At most this many distinct values per column.
    var maxValuesPerColumn = 5_000

    func build(for tables: [TableInfo]) async throws -> ValueIndex {
        var values: [String: [String: [String]]] = [:]
        for t in tables {
            let key = ValueIndexCacheKey(principal: principal.id, table: t)
            if let cached = Self.cache.withLock({ $0[key] }) {
                values[t.name] = cached
                continue
            }
            var columns: [String: [String]] = [:]
            for c in t.columns where c.type == .text {
                if let d = c.distinctValues {
                    columns[c.name] = d
                } else if t.rowCount <= maxRows {
                    let q = "\"" + c.name.replacing("\"", with: "\"\"") + "\""
                    let sql = "SELECT DISTINCT \(q) FROM \"\(t.name.replacing("\"", with: "\"\""))\" WHERE \(q) IS NOT NULL LIMIT \(maxValuesPerColumn)"
                    let result = try await engine.run(sql, for: principal, options: QueryOptions(maxRows: maxValuesPerColumn), cancellation: nil)
                    columns[c.name] = result.rows.compactMap { $0.first?.textValue }
                } else {
                    columns[c.name] = c.examples
                }
            }
            values[t.name] = columns
            Self.cache.withLock { cache in
                if cache.count >= Self.maxCachedTables { cache.removeAll() }
                cache[key] = columns
            }
        }
        return ValueIndex(values: values)
    }

    /// Tables whose values are kept (a replaced or re-typed table has another ``TableInfo`` and is read again).
    static let maxCachedTables = 64
    private static let cache = Mutex<[ValueIndexCacheKey: [String: [String]]]>([:])
}

/// One table version of one principal.
private struct ValueIndexCacheKey: Hashable, Sendable {
    var principal: String
    var table: TableInfo
}
