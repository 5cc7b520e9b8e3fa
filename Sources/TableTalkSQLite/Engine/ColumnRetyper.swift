import CSQLite
import TableTalkCore

/// Rebuilds a table with one column re-typed, converting its stored values with the same decoders an ingest
/// uses (number styles and date orders decided from the stored values themselves).
struct ColumnRetyper {
    let connection: SQLiteConnection
    var entry: CatalogEntry

    init(connection: SQLiteConnection, entry: CatalogEntry) {
        self.connection = connection
        self.entry = entry
    }

    mutating func retype(column: String, to type: ColumnType) throws -> CatalogEntry {
        var info = entry.info
        guard let index = info.columns.firstIndex(where: { $0.name.lowercased() == column.lowercased() }) else {
            throw TableTalkError(
                .columnNotFound, "no column named \(column) in \(info.name)", details: ["column": column])
        }
        let old = info.columns[index]
        if old.type == type { return entry }
        let name = info.name
        let converter = ValueConverter(from: old.type, to: type, decoder: try decoder(for: old.name, type: type))
        sqlite3_create_function_v2(
            connection.db, "_tabletalk_convert", 1, SQLITE_UTF8, Unmanaged.passUnretained(converter).toOpaque(),
            convertCallback, nil, nil, nil)
        defer { sqlite3_create_function_v2(connection.db, "_tabletalk_convert", 1, SQLITE_UTF8, nil, nil, nil, nil, nil) }
        let stage = "_tabletalk_stage"
        let defs = info.columns.enumerated().map { i, c in
            "\(quoteIdentifier(c.name)) \(i == index ? type.rawValue : c.type.rawValue)"
        }
        let selects = info.columns.enumerated().map { i, c in
            i == index ? "_tabletalk_convert(\(quoteIdentifier(c.name)))" : quoteIdentifier(c.name)
        }
        try connection.execute("DROP TABLE IF EXISTS \(stage)")
        try connection.execute("CREATE TABLE \(stage) (\(defs.joined(separator: ", ")))")
        try connection.execute(
            "INSERT INTO \(stage) SELECT \(selects.joined(separator: ", ")) FROM \(quoteIdentifier(name))")
        try connection.execute("DROP TABLE \(quoteIdentifier(name))")
        try connection.execute("ALTER TABLE \(stage) RENAME TO \(quoteIdentifier(name))")
        var updated = try summarize(old, in: name, as: type)
        updated.notes = ["re-typed from \(old.type.rawValue) to \(type.rawValue)"]
        if converter.failures > 0 {
            updated.notes.append(
                "\(converter.failures) value(s) could not be converted to \(type.rawValue) and became NULL")
        }
        info.columns[index] = updated
        info.version += 1
        entry.info = info
        return entry
    }

    /// A decoder for `type` whose number style and date order fit the column's stored values.
    private func decoder(for column: String, type: ColumnType) throws -> ColumnDecoder {
        var analyzer = ColumnAnalyzer()
        let s = try connection.prepare(
            "SELECT CAST(\(quoteIdentifier(column)) AS TEXT) FROM \(quoteIdentifier(entry.info.name)) LIMIT 100000")
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
