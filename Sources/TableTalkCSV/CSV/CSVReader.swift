import Foundation

/// A streaming, byte-level CSV tokenizer (RFC 4180 plus common variants).
///
/// It reads large chunks of UTF-8 from a ``ByteSource`` into one buffer and yields records whose fields are
/// spans of that buffer, valid until the next call to ``next()``; no per-character `String` work, bounded memory.
/// Rules: fields are separated by the dialect's delimiter; records end at LF, CRLF or a lone CR (mixed freely);
/// quoted fields may hold delimiters and newlines, with `""` (and `\"` when the dialect uses backslash escapes)
/// for a quote; spaces around unquoted fields and around quotes are trimmed; blank lines are skipped.
package final class CSVReader {
    package let delimiter: UInt8
    package let backslashEscapes: Bool
    package let limits: CSVLimits
    package let source: ByteSource

    /// Physical line (1-based) where the current record starts.
    package private(set) var recordLine = 0
    /// Fields in the current record.
    package var fieldCount = 0

    package var buf: UnsafeMutablePointer<UInt8>
    package var cap: Int
    package var end = 0
    package var pos = 0
    package var sourceDone = false
    package var nextLine = 1
    package let starts: UnsafeMutablePointer<Int>
    package let lens: UnsafeMutablePointer<Int>
    package let escaped: UnsafeMutablePointer<Bool>
    package var anyEscaped = false
    /// 1 for bytes that end an unquoted field (delimiter, CR, LF, NUL).
    package let plain: UnsafeMutablePointer<UInt8>
    /// 1 for bytes that need attention inside quotes (quote, CR, LF, NUL, backslash when escaping).
    package let quoted: UnsafeMutablePointer<UInt8>
    private let minRead: Int

    package init(source: ByteSource, delimiter: UInt8, backslashEscapes: Bool, limits: CSVLimits, chunkSize: Int = 4 << 20) {
        self.source = source
        self.delimiter = delimiter
        self.backslashEscapes = backslashEscapes
        self.limits = limits
        cap = max(chunkSize, 64)
        minRead = max(32, min(64 << 10, cap / 2))
        buf = .allocate(capacity: cap)
        let slots = limits.maxColumns + 1
        starts = .allocate(capacity: slots)
        lens = .allocate(capacity: slots)
        escaped = .allocate(capacity: slots)
        plain = .allocate(capacity: 256)
        quoted = .allocate(capacity: 256)
        plain.initialize(repeating: 0, count: 256)
        quoted.initialize(repeating: 0, count: 256)
        for b: UInt8 in [delimiter, 0x0A, 0x0D, 0x00] { plain[Int(b)] = 1 }
        for b: UInt8 in [0x22, 0x0A, 0x0D, 0x00] { quoted[Int(b)] = 1 }
        if backslashEscapes { quoted[0x5C] = 1 }
    }

    deinit {
        buf.deallocate()
        starts.deallocate()
        lens.deallocate()
        escaped.deallocate()
        plain.deallocate()
        quoted.deallocate()
    }

    /// Raw bytes of the file consumed so far (read ahead by at most one chunk).
    package var bytesRead: Int64 { source.rawBytesRead }

    /// Advances to the next record; false at the end of the input.
    package func next() throws -> Bool {
        while true {
            if pos >= end && sourceDone { return false }
            switch try parse(atEOF: sourceDone) {
            case .record(let p, let lines):
                recordLine = nextLine
                nextLine += lines
                pos = p
                if anyEscaped { unescapeFields() }
                return true
            case .blank(let p, let lines):
                nextLine += lines
                pos = p
            case .incomplete:
                try refill()
            }
        }
    }

    /// Field `i` of the current record as a span of the buffer (valid until the next call to ``next()``).
    @inline(__always)
    package func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buf + starts[i], count: lens[i])
    }

    /// Field `i` as a `String` (for headers and samples, not the hot path).
    package func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// All fields of the current record as strings.
    package func strings() -> [String] { (0..<fieldCount).map(string) }

    private func refill() throws {
        let keep = end - pos
        if pos > 0 {
            if keep > 0 { memmove(buf, buf + pos, keep) }
            end = keep
            pos = 0
        }
        if cap - end < minRead {
            if cap >= limits.maxRecordBytes + minRead {
                throw TableTalkErrorFactory.fieldTooLarge(line: nextLine, limit: limits.maxRecordBytes, what: "a record")
            }
            let newCap = min(cap * 2, limits.maxRecordBytes + 2 * minRead)
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
            nb.update(from: buf, count: end)
            buf.deallocate()
            buf = nb
            cap = newCap
        }
        let n = try source.read(into: buf + end, capacity: cap - end)
        if n == 0 { sourceDone = true }
        end += n
    }
}
