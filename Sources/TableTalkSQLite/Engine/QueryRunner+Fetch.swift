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
        var bytes = 0
        let maxBytes = limits.maxResultBytes > 0 ? limits.maxResultBytes : Int.max
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw stepError(rc, db: db, control: control) }
            // A step may end just past the deadline; the row is not converted then.
            if control.shouldStop { throw stopError(control) }
            if skipped < options.offset {
                skipped += 1
                continue
            }
            if rows.count == limit {
                truncated = true
                break
            }
            let size = Self.rowBytes(stmt, n)
            if bytes + size > maxBytes {
                guard rows.isEmpty else {
                    truncated = true
                    break
                }
                throw TableTalkError(
                    .queryTooLarge,
                    "one row of the result takes \(size) bytes, more than the reply limit of \(maxBytes) bytes",
                    details: ["limit": String(maxBytes), "reason": "reply"])
            }
            bytes += size
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

    /// The bytes a row takes in a reply (text as stored, blobs as their `x'…'` hex, numbers as 8).
    static func rowBytes(_ stmt: OpaquePointer, _ n: Int32) -> Int {
        var total = 0
        for i in 0..<n {
            switch sqlite3_column_type(stmt, i) {
            case SQLITE_TEXT: total += Int(sqlite3_column_bytes(stmt, i)) + 2
            case SQLITE_BLOB: total += 2 * Int(sqlite3_column_bytes(stmt, i)) + 3
            default: total += 8
            }
        }
        return total
    }

    private func stepError(_ rc: Int32, db: OpaquePointer, control: QueryControl) -> TableTalkError {
        if rc & 0xFF == SQLITE_INTERRUPT { return stopError(control) }
        let message = String(cString: sqlite3_errmsg(db))
        if rc & 0xFF == SQLITE_TOOBIG {
            return TableTalkError(
                .queryTooLarge,
                "the query builds a value larger than the limit of \(limits.maxValueBytes) bytes and was stopped",
                details: ["limit": String(limits.maxValueBytes), "reason": "value"])
        }
        if rc & 0xFF == SQLITE_NOMEM {
            return TableTalkError(
                .queryTooLarge, "the query needs more memory than the server allows and was stopped",
                details: ["reason": "memory"])
        }
        if message.hasPrefix(ModeState.limitMessagePrefix) {
            return TableTalkError(
                .queryTooLarge, message, details: ["limit": String(limits.maxAggregateBytes), "reason": "aggregate"])
        }
        return TableTalkError(.sqlSyntax, message)
    }

    /// The error of a statement stopped by its deadline or a cancellation.
    func stopError(_ control: QueryControl) -> TableTalkError { Self.stopError(control, options: options) }

    static func stopError(_ control: QueryControl, options: QueryOptions) -> TableTalkError {
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
            return .text(BlobHex.literal(UnsafeBufferPointer(start: p, count: count)))
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
