/// Guesses the delimiter and the quote-escaping style from the first kilobytes of (UTF-8) text.
package enum DialectSniffer {
    package static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]  // , ; \t |

    package struct Result {
        var delimiter: UInt8
        var backslashEscapes: Bool
    }

    /// `sample` is decoded UTF-8; `complete` tells whether it is the whole file (else its last line may be cut).
    package static func sniff(_ sample: [UInt8], complete: Bool) -> Result {
        let backslash = usesBackslashEscapes(sample)
        var best: (delimiter: UInt8, consistency: Double, width: Int)?
        for d in candidates {
            var counts = fieldCounts(sample, delimiter: d, maxRecords: 200)
            if !complete && counts.count > 1 { counts.removeLast() }
            guard !counts.isEmpty else { continue }
            var freq: [Int: Int] = [:]
            for c in counts { freq[c, default: 0] += 1 }
            let (mode, hits) = freq.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }!
            guard mode > 1 else { continue }
            let consistency = (Double(hits) / Double(counts.count) * 100).rounded() / 100
            // The most consistent field count wins; on a tie, more fields; then the order of `candidates`.
            if let b = best, consistency < b.consistency || (consistency == b.consistency && mode <= b.width) {
                continue
            }
            best = (d, consistency, mode)
        }
        return Result(delimiter: best?.delimiter ?? 0x2C, backslashEscapes: backslash)
    }

    /// Fields per record for the first `maxRecords` records, quote-aware.
    package static func fieldCounts(_ s: [UInt8], delimiter d: UInt8, maxRecords: Int) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var lineHasContent = false
        var i = 0
        while i < s.count && counts.count < maxRecords {
            let c = s[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < s.count && s[i + 1] == 0x22 { i += 1 } else { inQuotes = false }
                } else if c == 0x5C && i + 1 < s.count && s[i + 1] == 0x22 {
                    i += 1
                }
            } else if c == 0x22 {
                inQuotes = true
                lineHasContent = true
            } else if c == d {
                fields += 1
                lineHasContent = true
            } else if c == 0x0A || c == 0x0D {
                if c == 0x0D && i + 1 < s.count && s[i + 1] == 0x0A { i += 1 }
                if lineHasContent { counts.append(fields) }
                fields = 1
                lineHasContent = false
            } else {
                lineHasContent = true
            }
            i += 1
        }
        if lineHasContent && counts.count < maxRecords { counts.append(fields) }
        return counts
    }

    /// True when the sample escapes quotes with a backslash: `\"` inside a quoted field, not followed by
    /// the end of the field.
    package static func usesBackslashEscapes(_ s: [UInt8]) -> Bool {
        var hits = 0
        var i = 0
        while i + 2 < s.count {
            if s[i] == 0x5C && s[i + 1] == 0x22 {
                let n = s[i + 2]
                if !candidates.contains(n) && n != 0x0A && n != 0x0D { hits += 1 }
            }
            i += 1
        }
        return hits > 0
    }
}
