import TableTalkCSV
import TableTalkCore

/// Normalizes table names the way column names are (snake_case), keeping clear of the adapter's reserved names
/// and of SQLite's built-in tables (`json_each`, `pragma_table_info`, `dbstat`, …), which a table could not
/// replace: those get the prefix `t_` (`json_each.csv` → `t_json_each`).
enum TableNames {
    /// `Sales 2024.csv`-style names become `sales_2024`; a leading digit gets `t_`; empty becomes `table`.
    static func normalize(_ raw: String) -> String {
        var name = ColumnNamer.snakeCase(raw)
        if name.hasPrefix("col_"), raw.unicodeScalars.first(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            .map({ ("0"..."9").contains($0) }) == true
        {
            name = "t_" + name.dropFirst(4)
        }
        if name.isEmpty { name = "table" }
        if Catalog.reservedPrefixes.contains(where: { name.lowercased().hasPrefix($0) }) || isBuiltIn(name) {
            name = "t_" + name
        }
        return name
    }

    /// True for the names of SQLite's built-in (eponymous virtual) tables: every `pragma_…` and the ones the
    /// query guard keeps out of reach.
    static func isBuiltIn(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.hasPrefix("pragma_") || QueryGuard.internalNames.contains(n)
    }

    /// The stem of a file name (`sales.2024.csv` → `sales.2024`).
    static func stem(_ fileName: String) -> String {
        let last = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }
}
