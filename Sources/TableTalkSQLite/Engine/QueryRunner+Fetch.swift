import CSQLite
import TableTalkCore

extension QueryRunner {
    /// Skips `offset` rows, then reads up to `maxRows + 1` to learn whether more exist.
    func fetch(_ stmt: OpaquePointer, db: OpaquePointer, control: QueryControl) throws -> (
        [ResultColumn], [[CellValue]], Bool
    ) {
        let n = sqlite3_column_count(stmt)
        var declared: [String?] = (0..<n).map { i in sqlite3_column_decltype(stmt, i).map { String(cString: $0) } }
        let names = (0..<n).map { i in sqlite3_column_name(stmt, i).map { String(cString: $0) } ?? "column_\(i + 1)" }
        var observed: [String?] = Array(repeating: nil, count: Int(n))
        var rows: [[CellValue]] = []
        var skipped = 0
        let limit = max(options.maxRows, 0)
        var truncated = false
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw stepError(rc, db: db, control: control) }
            if skipped < options.offset {
                skipped += 1
                continue
            }
            if rows.count == limit {
                truncated = true
                break
            }
            var row: [CellValue] = []
            row.reserveCapacity(Int(n))
            for i in 0..<n {
                let cell = Self.cell(stmt, i)
                if observed[Int(i)] == nil { observed[Int(i)] = Self.typeName(of: cell) }
                row.append(cell)
            }
            rows.append(row)
        }
        for i in 0..<Int(n) where declared[i].map(Self.normalizedType) == nil { declared[i] = observed[i] }
        let columns = (0..<Int(n)).map { ResultColumn(name: names[$0], type: declared[$0].flatMap(Self.normalizedType)) }
        return (columns, rows, truncated)
    }

    private func stepError(_ rc: Int32, db: OpaquePointer, control: QueryControl) -> TableTalkError {
        if rc & 0xFF == SQLITE_INTERRUPT {
            switch control.reason {
            case .timeout:
                let seconds = Double(options.timeout.components.seconds)
                    + Double(options.timeout.components.attoseconds) / 1e18
                return TableTalkError(
                    .queryTimeout, "the query ran longer than the limit of \(seconds) s and was stopped",
                    details: ["timeoutMs": String(Int(seconds * 1000))])
            case .cancelled, .none:
                return TableTalkError(.queryCancelled, "the query was cancelled")
            }
        }
        return TableTalkError(.sqlSyntax, String(cString: sqlite3_errmsg(db)))
    }

    static func cell(_ stmt: OpaquePointer, _ i: Int32) -> CellValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, i))
        case SQLITE_TEXT:
            guard let p = sqlite3_column_text(stmt, i) else { return .null }
            let count = Int(sqlite3_column_bytes(stmt, i))
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(stmt, i))
            guard let p = sqlite3_column_blob(stmt, i)?.assumingMemoryBound(to: UInt8.self) else { return .text("x''") }
            let hex = UnsafeBufferPointer(start: p, count: count).map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }
            return .text("x'" + hex.joined() + "'")
        default: return .null
        }
    }

    static func typeName(of cell: CellValue) -> String? {
        switch cell {
        case .null: return nil
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .text: return "TEXT"
        }
    }

    /// Our column types by name; other declared types map to SQLite's affinity names.
    static func normalizedType(_ declared: String) -> String? {
        let upper = declared.uppercased()
        if let t = ColumnType(rawValue: upper) { return t.rawValue }
        if upper.contains("INT") { return "INTEGER" }
        if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") { return "TEXT" }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") { return "REAL" }
        return nil
    }
}
