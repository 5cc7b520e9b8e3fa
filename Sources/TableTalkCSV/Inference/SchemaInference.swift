import Foundation
import TableTalkCore

/// Sniffs a CSV file's dialect and infers its columns from a sample of rows (or from all rows when asked to,
/// after the load met a value the sample did not predict).
package enum SchemaInference {
    /// Bytes looked at to detect encoding and delimiter.
    package static let sniffBytes = 64 << 10

    /// Encoding (from the raw head) and delimiter/escaping (from the decoded head); `hasHeader` is decided later.
    package static func sniff(path: String) throws -> (dialect: CSVDialect, warnings: [String]) {
        let head = try readHead(path: path, count: sniffBytes)
        let detected = try EncodingDetector.detect(head)
        let source = try ByteSource(path: path, encoding: detected.encoding)
        let cap = sniffBytes * 2
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        defer { buffer.deallocate() }
        var n = 0
        while n < sniffBytes {
            let got = try source.read(into: buffer + n, capacity: cap - n)
            if got == 0 { break }
            n += got
        }
        let sample = Array(UnsafeBufferPointer(start: buffer, count: n))
        let complete = source.rawBytesRead >= source.totalBytes && n < sniffBytes
        if detected.encoding == .utf16LE || detected.encoding == .utf16BE { try BinarySniffer.checkText(sample) }
        if sample.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw TableTalkErrorFactory.empty("the file has no data (only blank lines)")
        }
        let sniffed = DialectSniffer.sniff(sample, complete: complete)
        let dialect = CSVDialect(
            encoding: detected.encoding, delimiter: sniffed.delimiter, backslashEscapes: sniffed.backslashEscapes,
            hasHeader: true)
        return (dialect, detected.warnings)
    }

    /// Reads the first record and up to `limits.sampleRows` data rows (all rows when `fullScan`), decides the
    /// header (unless `knownHeader` is given) and every column's type.
    package static func infer(
        path: String, dialect sniffed: CSVDialect, limits: CSVLimits, fullScan: Bool = false, knownHeader: Bool? = nil,
        shouldStop: () -> Bool = { false }, onProgress: (_ bytes: Int64, _ rows: Int) -> Void = { _, _ in }
    ) throws -> InferredSchema {
        var dialect = sniffed
        let reader = CSVReader(
            source: try ByteSource(path: path, encoding: dialect.encoding), delimiter: dialect.delimiter,
            backslashEscapes: dialect.backslashEscapes, limits: limits)
        guard try reader.next() else { throw TableTalkErrorFactory.empty("the file has no rows") }
        let firstRow = reader.strings()
        let width = firstRow.count
        var analyzers = Array(repeating: ColumnAnalyzer(), count: width)
        var rows = 0
        let cap = fullScan ? Int.max : limits.sampleRows
        while rows < cap, try reader.next() {
            let n = min(reader.fieldCount, width)
            for i in 0..<n { analyzers[i].add(reader.field(i)) }
            if n < width { for i in n..<width { analyzers[i].nulls += 1 } }
            rows += 1
            if rows & 0xFFFF == 0 {
                if shouldStop() { throw CancellationError() }
                onProgress(reader.bytesRead, rows)
            }
        }
        let sawWholeFile = try rows < cap || !reader.next()
        dialect.hasHeader = knownHeader ?? (rows == 0 || HeaderDetector.isHeader(firstRow: firstRow, data: analyzers))
        if !dialect.hasHeader {
            for (i, cell) in firstRow.enumerated() {
                var bytes = Array(cell.utf8)
                bytes.withUnsafeMutableBufferPointer { analyzers[i].add(UnsafeBufferPointer($0)) }
            }
            rows += 1
        }
        if rows == 0 { throw TableTalkErrorFactory.empty("line 1: the file has a header but no data rows") }
        return build(
            firstRow: firstRow, analyzers: analyzers, dialect: dialect, rows: rows, sawWholeFile: sawWholeFile)
    }

    private static func build(
        firstRow: [String], analyzers: [ColumnAnalyzer], dialect: CSVDialect, rows: Int, sawWholeFile: Bool
    ) -> InferredSchema {
        var labels = dialect.hasHeader ? firstRow : (1...firstRow.count).map { "column_\($0)" }
        var kept = analyzers.count
        // Trailing unnamed, all-empty columns (a trailing delimiter on every line) are dropped.
        while dialect.hasHeader && kept > 1 && labels[kept - 1].trimmingCharacters(in: .whitespaces).isEmpty
            && analyzers[kept - 1].nonNull == 0
        {
            kept -= 1
        }
        labels = Array(labels.prefix(kept))
        let (names, warnings) = ColumnNamer.names(for: labels)
        let hints = InferenceHints(europeanNumbers: dialect.delimiter == 0x3B, europeanDates: dialect.delimiter == 0x3B)
        var columns: [InferredColumn] = []
        for i in 0..<kept {
            let (decoder, notes) = analyzers[i].decide(hints: hints)
            columns.append(InferredColumn(name: names[i], label: labels[i], decoder: decoder, notes: notes))
        }
        return InferredSchema(
            dialect: dialect, columns: columns, fieldCount: firstRow.count, warnings: warnings, sampledRows: rows,
            sawWholeFile: sawWholeFile)
    }

    package static func readHead(path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TableTalkError(.internalFailure, "cannot open \(path)")
        }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }
}
