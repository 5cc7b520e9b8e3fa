public import Foundation
public import TableTalkCore

/// Finds which text columns of a principal's table hold a value (case-insensitive), for question parsing
/// ("sales in Berlin" → `city = 'Berlin'`). Low-cardinality columns answer from the catalog's distinct values;
/// other text columns with one `SELECT … LIMIT 1` each, on a read-only connection.
///
/// Blocking by design (``ValueLookup`` is synchronous): call it off the cooperative pool for large tables.
public struct SQLiteValueLookup: ValueLookup {
    public let layout: SQLiteLayout
    public let principal: Principal

    public init(dataDirectory: URL, principal: Principal) {
        layout = SQLiteLayout(dataDirectory: dataDirectory)
        self.principal = principal
    }

    public func columns(containing value: String, in table: String) -> [(column: String, stored: String)] {
        let database = TableDatabase(layout: layout, busyTimeoutMs: 5_000)
        guard database.exists(for: principal), let c = try? database.openReader(for: principal),
            let entry = try? Catalog.entry(named: table, on: c)
        else { return [] }
        let needle = value.lowercased()
        var out: [(column: String, stored: String)] = []
        for column in entry.info.columns where column.type == .text {
            if let known = column.distinctValues {
                if let hit = known.first(where: { $0.lowercased() == needle }) { out.append((column.name, hit)) }
                continue
            }
            let sql =
                "SELECT \(quoteIdentifier(column.name)) FROM \(quoteIdentifier(entry.info.name)) "
                + "WHERE \(quoteIdentifier(column.name)) = ?1 COLLATE NOCASE LIMIT 1"
            guard let s = try? c.prepare(sql) else { continue }
            s.bind(1, value)
            if (try? s.step()) == true, let stored = s.text(0) { out.append((column.name, stored)) }
        }
        return out
    }
}
