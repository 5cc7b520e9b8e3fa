import TableTalkCore
import TableTalkRules

/// Builds the ``ValueIndex`` the translator links data values with: the catalog's distinct values where it has
/// them, and `SELECT DISTINCT` of the other text columns of tables small enough to read quickly.
struct ValueIndexBuilder: Sendable {
    let engine: any SQLEngine
    let principal: Principal
    /// Tables with more rows are indexed from catalog samples only.
    var maxRows = 50_000
    /// At most this many distinct values per column.
    var maxValuesPerColumn = 5_000

    func build(for tables: [TableInfo]) async throws -> ValueIndex {
        var values: [String: [String: [String]]] = [:]
        for t in tables {
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
        }
        return ValueIndex(values: values)
    }
}
