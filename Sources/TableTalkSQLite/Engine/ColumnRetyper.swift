import CSQLite
import Foundation
import TableTalkCSV
import TableTalkCore

/// Rebuilds a table with one column re-typed, converting with the same decoders an ingest uses (number styles
/// and date orders decided from the values themselves). No re-type destroys data: the column's values before its
/// first re-type are kept in ``OriginalValues`` and every re-type converts from them, so changing the column back
/// restores them exactly. A change that would turn values into NULL is refused with `typeConversion` (the count and
/// a few of the values) unless `confirmLossy` is set.
struct ColumnRetyper {
    /// How many failing values a `typeConversion` refusal shows.
    static let sampleLimit = 5
    let connection: SQLiteConnection
    var entry: CatalogEntry

    init(connection: SQLiteConnection, entry: CatalogEntry) {
        self.connection = connection
        self.entry = entry
    }

    mutating func retype(column: String, to type: ColumnType, confirmLossy: Bool = false) throws -> CatalogEntry {
        var info = entry.info
        guard let index = info.columns.firstIndex(where: { $0.name.lowercased() == column.lowercased() }) else {
            throw TableTalkError(
                .columnNotFound, "no column named \(column) in \(info.name)", details: ["column": column])
        }
        let old = info.columns[index]
        if old.type == type { return entry }
        let name = info.name
        let rowid = Self.rowidAlias(avoiding: info.columns.map(\.name))
        let kept = try OriginalValues.originalType(table: name, column: old.name, on: connection)
        let original = kept ?? old.type
        // Where the values come from: the kept originals when there are any, else the column itself.
        let from = kept == nil ? "\(quoteIdentifier(name)) AS t" : OriginalValues.join(table: name, column: old.name, rowid: rowid)
        let source = kept == nil ? "t.\(quoteIdentifier(old.name))" : "o.value"
        let restoring = type == original
        let converter = ValueConverter(
            from: original, to: type, decoder: try decoder(source: source, from: from, type: type),
            sampleLimit: Self.sampleLimit)
        sqlite3_create_function_v2(
            connection.db, "_tabletalk_convert", 1, SQLITE_UTF8, Unmanaged.passUnretained(converter).toOpaque(),
            convertCallback, nil, nil, nil)
        defer { sqlite3_create_function_v2(connection.db, "_tabletalk_convert", 1, SQLITE_UTF8, nil, nil, nil, nil, nil) }
        if !restoring && !confirmLossy {
            // Lossy means a value shown now would become NULL (values already NULL after a confirmed change stay so).
            try connection.execute(
                "SELECT count(_tabletalk_convert(\(source))) FROM \(from) WHERE t.\(quoteIdentifier(old.name)) IS NOT NULL")
            if converter.failures > 0 { throw refusal(old, type: type, converter: converter) }
            converter.reset()
        }
        if kept == nil { try OriginalValues.save(table: name, column: old.name, type: old.type, rowid: rowid, on: connection) }
        let stage = "_tabletalk_stage"
        let defs = info.columns.enumerated().map { i, c in
            "\(quoteIdentifier(c.name)) \(i == index ? type.rawValue : c.type.rawValue)"
        }
        let value = restoring ? "o.value" : "_tabletalk_convert(o.value)"
        let selects = info.columns.enumerated().map { i, c in i == index ? value : "t.\(quoteIdentifier(c.name))" }
        try connection.execute("DROP TABLE IF EXISTS \(stage)")
        try connection.execute("CREATE TABLE \(stage) (\(defs.joined(separator: ", ")))")
        try connection.execute(
            "INSERT INTO \(stage)(\(rowid), \(info.columns.map { quoteIdentifier($0.name) }.joined(separator: ", "))) "
                + "SELECT t.\(rowid), \(selects.joined(separator: ", ")) "
                + "FROM \(OriginalValues.join(table: name, column: old.name, rowid: rowid)) ORDER BY t.\(rowid)")
        try connection.execute("DROP TABLE \(quoteIdentifier(name))")
        try connection.execute("ALTER TABLE \(stage) RENAME TO \(quoteIdentifier(name))")
        if restoring { try OriginalValues.forget(table: name, column: old.name, on: connection) }
        var updated = try summarize(old, in: name, as: type)
        updated.notes =
            restoring
            ? ["changed back to \(type.rawValue): the original values are restored"]
            : ["re-typed from \(old.type.rawValue) to \(type.rawValue)"]
        if converter.failures > 0 {
            updated.notes.append(
                "\(converter.failures) value(s) could not be converted to \(type.rawValue) and are NULL; "
                    + "changing the column back to \(original.rawValue) restores them")
        }
        info.columns[index] = updated
        info.version += 1
        entry.info = info
        return entry
    }

    /// The `typeConversion` refusal of a lossy change: how many values would become NULL and a few of them.
    private func refusal(_ column: ColumnInfo, type: ColumnType, converter: ValueConverter) -> TableTalkError {
        let samples = String(decoding: (try? JSONEncoder().encode(converter.samples)) ?? Data("[]".utf8), as: UTF8.self)
        return TableTalkError(
            .typeConversion,
            "\(converter.failures) value(s) of \(column.name) cannot be converted to \(type.rawValue) and would become "
                + "NULL; send confirm: true to change the type anyway (changing it back restores them)",
            details: [
                "table": entry.info.name, "column": column.name, "type": type.rawValue,
                "failing": String(converter.failures), "samples": samples,
            ])
    }

    /// A name for the rowid that no column of the table shadows.
    static func rowidAlias(avoiding names: [String]) -> String {
        let taken = Set(names.map { $0.lowercased() })
        return ["rowid", "_rowid_", "oid"].first { !taken.contains($0) } ?? "rowid"
    }

    /// A decoder for `type` whose number style and date order fit the values of `source`.
    private func decoder(source: String, from: String, type: ColumnType) throws -> ColumnDecoder {
        var analyzer = ColumnAnalyzer()
        let s = try connection.prepare("SELECT CAST(\(source) AS TEXT) FROM \(from) LIMIT 100000")
        while try s.step() {
            guard let p = sqlite3_column_text(s.stmt, 0) else { continue }
            analyzer.add(p, Int(sqlite3_column_bytes(s.stmt, 0)))
        }
        let decided = analyzer.decide().decoder
        let style = analyzer.numUS ? NumberStyle.us : (analyzer.numEU ? .european : decided.style)
        let order: DateOrder = analyzer.numericDates ? (analyzer.mdy ? .mdy : .dmy) : .ymd
        return ColumnDecoder(type, style: style, order: decided.type.isTemporal ? decided.order : order)
    }

    private func summarize(_ old: ColumnInfo, in table: String, as type: ColumnType) throws -> ColumnInfo {
        let q = quoteIdentifier(old.name)
        let t = quoteIdentifier(table)
        let nulls = try connection.scalarInt("SELECT count(*) - count(\(q)) FROM \(t)")
        let distinctCount = try connection.scalarInt("SELECT count(DISTINCT \(q)) FROM \(t)")
        var examples: [String] = []
        let s = try connection.prepare("SELECT DISTINCT CAST(\(q) AS TEXT) FROM \(t) WHERE \(q) IS NOT NULL LIMIT 3")
        while try s.step() { if let v = s.text(0) { examples.append(v) } }
        var distinct: [String]?
        if type == .text && distinctCount <= Int64(ColumnStats.maxDistinct) {
            let d = try connection.prepare("SELECT DISTINCT \(q) FROM \(t) WHERE \(q) IS NOT NULL ORDER BY 1")
            var values: [String] = []
            while try d.step() { if let v = d.text(0) { values.append(v) } }
            distinct = values
        }
        return ColumnInfo(
            name: old.name, label: old.label, type: type, nullCount: Int(nulls), examples: examples,
            distinctValues: distinct, distinctCount: Int(distinctCount), notes: [])
    }
}
