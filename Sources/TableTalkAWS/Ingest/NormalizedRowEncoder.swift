import Foundation
import TableTalkCSV
import TableTalkCore

/// Streams a CSV file through the columns' decoders (the same ones the SQLite load uses) into the typed,
/// normalized text Athena reads with LazySimpleSerDe (``GlueTableMapping/serde``): one line per record, fields
/// separated by tabs, integers and doubles in plain notation, booleans `true`/`false`, dates `YYYY-MM-DD`,
/// timestamps `YYYY-MM-DD HH:MM:SS[.fff]` in UTC, NULL as `\N`, and in text `\` before a tab or a backslash and
/// `\n`/`\r` for line breaks. Column statistics are gathered on the way, as the SQLite load does.
///
/// Ragged rows follow the embedded rules: fewer fields are padded with NULLs (and counted in a warning), more
/// fields fail with `csvRaggedRow` unless the extra ones are empty. A value that does not fit its inferred type
/// throws ``NeedsWidening``; the caller re-infers from the whole file and starts over.
final class NormalizedRowEncoder {
    struct NeedsWidening: Error {
        var column: Int
        var line: Int
        var value: String
    }

    let schema: InferredSchema
    let stats: [ColumnStats]
    private let reader: CSVReader
    let totalBytes: Int64
    private(set) var rows = 0
    private var padded = 0
    private var firstPaddedLine = 0
    private var invalidUTF8Line = 0
    private var finished = false
    private let decoders: [ColumnDecoder]
    private let checkUTF8: Bool
    private let scratch: UnsafeMutablePointer<UInt8>

    init(schema: InferredSchema, path: String, limits: CSVLimits) throws {
        self.schema = schema
        let source = try ByteSource(path: path, encoding: schema.dialect.encoding)
        totalBytes = source.totalBytes
        reader = CSVReader(
            source: source, delimiter: schema.dialect.delimiter, backslashEscapes: schema.dialect.backslashEscapes,
            limits: limits)
        if schema.dialect.hasHeader { _ = try reader.next() }
        decoders = schema.columns.map(\.decoder)
        stats = schema.columns.map { ColumnStats(tracksDistinctValues: $0.type == .text) }
        checkUTF8 = schema.dialect.encoding == .utf8 || schema.dialect.encoding == .utf8BOM
        scratch = .allocate(capacity: 48 * max(schema.columns.count, 1))
    }

    deinit { scratch.deallocate() }

    var bytesRead: Int64 { reader.bytesRead }

    /// Encodes records until the text holds at least `minBytes` bytes or the file ends; nil once it has ended.
    func nextPart(minBytes: Int) throws -> [UInt8]? {
        if finished { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(minBytes + (64 << 10))
        while out.count < minBytes {
            guard try reader.next() else {
                finished = true
                break
            }
            try encodeRecord(into: &out)
            rows += 1
        }
        return out.isEmpty && finished ? nil : out
    }

    /// Warnings about padded rows and text read as Latin-1, as the SQLite load words them.
    var warnings: [String] {
        var out: [String] = []
        if padded > 0 {
            out.append(
                "\(padded) row(s) had fewer fields than the header (first at line \(firstPaddedLine)); "
                    + "the missing trailing fields were stored as NULL")
        }
        if invalidUTF8Line > 0 {
            out.append("line \(invalidUTF8Line): invalid UTF-8 in a text field; such fields were read as Latin-1")
        }
        return out
    }

    private func encodeRecord(into out: inout [UInt8]) throws {
        let ncols = decoders.count
        let width = schema.fieldCount
        let nf = reader.fieldCount
        let lens = reader.lens
        if nf > width {
            for i in width..<nf where lens[i] > 0 {
                throw TableTalkErrorFactory.raggedRow(line: reader.recordLine, found: nf, expected: width)
            }
        } else if nf < width {
            if padded == 0 { firstPaddedLine = reader.recordLine }
            padded += 1
        }
        if ncols < width {
            for i in ncols..<min(nf, width) where lens[i] > 0 {
                throw NeedsWidening(column: i, line: reader.recordLine, value: reader.string(i))
            }
        }
        for i in 0..<ncols {
            if i > 0 { out.append(0x09) }
            guard i < nf else {
                Self.appendNull(&out)
                stats[i].nullCount += 1
                continue
            }
            let p = UnsafePointer(reader.buf + reader.starts[i])
            let n = lens[i]
            if ValueTokens.isNull(p, n) {
                Self.appendNull(&out)
                stats[i].nullCount += 1
                continue
            }
            switch decoders[i].decode(p, n, scratch: scratch + 48 * i) {
            case .integer(let v):
                if decoders[i].type == .boolean {
                    out.append(contentsOf: v != 0 ? Self.trueBytes : Self.falseBytes)
                } else {
                    out.append(contentsOf: String(v).utf8)
                }
                stats[i].addInteger(v)
            case .real(let v):
                out.append(contentsOf: Self.double(v).utf8)
                stats[i].addReal(v)
            case .text(let tp, let tn):
                if checkUTF8 && decoders[i].type == .text && !Self.isASCII(tp, tn) && !UTF8Validator.isValid(tp, count: tn) {
                    if invalidUTF8Line == 0 { invalidUTF8Line = reader.recordLine }
                    let fixed = Array(Latin1.string(tp, count: tn).utf8)
                    fixed.withUnsafeBufferPointer { b in
                        Self.appendEscaped(b.baseAddress!, b.count, to: &out)
                        stats[i].addText(b.baseAddress!, b.count)
                    }
                } else {
                    Self.appendEscaped(tp, tn, to: &out)
                    stats[i].addText(tp, tn)
                }
            case .null:
                Self.appendNull(&out)
                stats[i].nullCount += 1
            case .failed:
                let value = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 200)), as: UTF8.self)
                throw NeedsWidening(column: i, line: reader.recordLine, value: value)
            }
        }
        out.append(0x0A)
    }

    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)

    @inline(__always)
    static func appendNull(_ out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x4E)
    }

    /// Plain notation Java's `Double.parseDouble` (Hive, Trino) reads, including its spellings of infinity and NaN.
    static func double(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return String(v)
    }

    /// `\` before tab and backslash, `\n` and `\r` for line breaks; other bytes as they are.
    static func appendEscaped(_ p: UnsafePointer<UInt8>, _ n: Int, to out: inout [UInt8]) {
        for k in 0..<n {
            let c = p[k]
            switch c {
            case 0x5C, 0x09:
                out.append(0x5C)
                out.append(c)
            case 0x0A:
                out.append(0x5C)
                out.append(0x6E)
            case 0x0D:
                out.append(0x5C)
                out.append(0x72)
            default:
                out.append(c)
            }
        }
    }

    @inline(__always)
    static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var acc: UInt8 = 0
        for i in 0..<n { acc |= p[i] }
        return acc < 0x80
    }
}
