import CSQLite
import Foundation
import TableTalkCSV
import TableTalkCore

/// The load pass: streams every record of the file through the columns' decoders into one prepared INSERT
/// (values bound by type, text bound in place without copying) and gathers column statistics on the way.
///
/// Ragged rows: a row with fewer fields than the header is padded with NULLs (the missing fields are taken to
/// be the trailing ones) and counted in a warning; a row with more fields fails with `csvRaggedRow` naming its
/// line, unless the extra fields are all empty (a trailing delimiter).
final class TableLoader {
    /// A value did not fit the type inferred from the sample; the caller widens the schema and loads again.
    struct NeedsWidening: Error {
        var column: Int
        var line: Int
        var value: String
    }

    struct Result {
        var rows: Int
        var stats: [ColumnStats]
        var warnings: [String]
    }

    private let connection: SQLiteConnection
    private let schema: InferredSchema
    private let path: String
    private let limits: CSVLimits
    private let progress: (IngestProgress) -> Void
    private let shouldStop: () -> Bool

    init(
        connection: SQLiteConnection, schema: InferredSchema, path: String, limits: CSVLimits,
        progress: @escaping (IngestProgress) -> Void, shouldStop: @escaping () -> Bool
    ) {
        self.connection = connection
        self.schema = schema
        self.path = path
        self.limits = limits
        self.progress = progress
        self.shouldStop = shouldStop
    }

    /// Creates `table` with the inferred columns and fills it.
    func load(into table: String) throws -> Result {
        let columns = schema.columns
        let defs = columns.map { "\(quoteIdentifier($0.name)) \($0.type.rawValue)" }.joined(separator: ", ")
        try connection.execute("DROP TABLE IF EXISTS \(quoteIdentifier(table))")
        try connection.execute("CREATE TABLE \(quoteIdentifier(table)) (\(defs))")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ",")
        let insert = try connection.prepare("INSERT INTO \(quoteIdentifier(table)) VALUES (\(placeholders))")
        let source = try ByteSource(path: path, encoding: schema.dialect.encoding)
        let reader = CSVReader(
            source: source, delimiter: schema.dialect.delimiter, backslashEscapes: schema.dialect.backslashEscapes,
            limits: limits)
        if schema.dialect.hasHeader { _ = try reader.next() }
        return try run(reader: reader, insert: insert.stmt, total: source.totalBytes)
    }

    private func run(reader: CSVReader, insert stmt: OpaquePointer, total: Int64) throws -> Result {
        let columns = schema.columns
        let ncols = columns.count
        let width = schema.fieldCount
        let decoders = columns.map(\.decoder)
        let stats = columns.map { ColumnStats(tracksDistinctValues: $0.type == .text) }
        let checkUTF8 = schema.dialect.encoding == .utf8 || schema.dialect.encoding == .utf8BOM
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 48 * max(ncols, 1))
        defer { scratch.deallocate() }
        var latin1Buffers: [[UInt8]] = Array(repeating: [], count: ncols)
        var rows = 0
        var padded = 0
        var firstPaddedLine = 0
        var invalidUTF8Line = 0
        let rowStep = 65_536
        let byteStep = max(total / 100, 1)
        var nextByteReport = byteStep
        let fieldStarts = reader.starts
        let fieldLens = reader.lens
        while try reader.next() {
            let nf = reader.fieldCount
            if nf > width {
                for i in width..<nf where fieldLens[i] > 0 {
                    throw TableTalkErrorFactory.raggedRow(line: reader.recordLine, found: nf, expected: width)
                }
            } else if nf < width {
                if padded == 0 { firstPaddedLine = reader.recordLine }
                padded += 1
            }
            if ncols < width {
                for i in ncols..<min(nf, width) where fieldLens[i] > 0 {
                    throw NeedsWidening(column: i, line: reader.recordLine, value: reader.string(i))
                }
            }
            let base = reader.buf
            for i in 0..<ncols {
                let index = Int32(i + 1)
                if i >= nf {
                    sqlite3_bind_null(stmt, index)
                    stats[i].nullCount += 1
                    continue
                }
                let p = UnsafePointer(base + fieldStarts[i])
                let n = fieldLens[i]
                if ValueTokens.isNull(p, n) {
                    sqlite3_bind_null(stmt, index)
                    stats[i].nullCount += 1
                    continue
                }
                switch decoders[i].decode(p, n, scratch: scratch + 48 * i) {
                case .integer(let v):
                    sqlite3_bind_int64(stmt, index, v)
                    stats[i].addInteger(v)
                case .real(let v):
                    sqlite3_bind_double(stmt, index, v)
                    stats[i].addReal(v)
                case .text(let tp, let tn):
                    if checkUTF8 && decoders[i].type == .text && !Self.isASCII(tp, tn)
                        && !UTF8Validator.isValid(tp, count: tn)
                    {
                        if invalidUTF8Line == 0 { invalidUTF8Line = reader.recordLine }
                        latin1Buffers[i] = Array(Latin1.string(tp, count: tn).utf8)
                        latin1Buffers[i].withUnsafeBufferPointer { b in
                            sqlite3_bind_text(stmt, index, b.baseAddress, Int32(b.count), tt_sqlite_transient())
                            stats[i].addText(b.baseAddress!, b.count)
                        }
                    } else {
                        sqlite3_bind_text(stmt, index, tp, Int32(tn), tt_sqlite_static())
                        stats[i].addText(tp, tn)
                    }
                case .null:
                    sqlite3_bind_null(stmt, index)
                    stats[i].nullCount += 1
                case .failed:
                    let value = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 200)), as: UTF8.self)
                    throw NeedsWidening(column: i, line: reader.recordLine, value: value)
                }
            }
            let rc = sqlite3_step(stmt)
            sqlite3_reset(stmt)
            if rc != SQLITE_DONE { throw SQLiteFailure(code: rc, message: connection.errorMessage).asTableTalkError }
            rows += 1
            if rows % rowStep == 0 || reader.bytesRead >= nextByteReport {
                nextByteReport = reader.bytesRead + byteStep
                if shouldStop() { throw CancellationError() }
                progress(IngestProgress(phase: .loading, bytesRead: reader.bytesRead, totalBytes: total, rows: rows))
            }
        }
        var warnings: [String] = []
        if padded > 0 {
            warnings.append(
                "\(padded) row(s) had fewer fields than the header (first at line \(firstPaddedLine)); "
                    + "the missing trailing fields were stored as NULL")
        }
        if invalidUTF8Line > 0 {
            warnings.append("line \(invalidUTF8Line): invalid UTF-8 in a text field; such fields were read as Latin-1")
        }
        return Result(rows: rows, stats: stats, warnings: warnings)
    }

    @inline(__always)
    static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var acc: UInt8 = 0
        for i in 0..<n { acc |= p[i] }
        return acc < 0x80
    }
}
