/// Byte-level UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
package enum UTF8Validator {
    /// Offset of the first invalid byte, or nil when `bytes` is valid. With `allowTruncatedTail`, a sequence
    /// cut off by the end of the buffer (a sample's edge) counts as valid.
    package static func firstInvalid(_ p: UnsafePointer<UInt8>, count n: Int, allowTruncatedTail: Bool = false) -> Int? {
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            let available = min(need, n - i - 1)
            if available < need && !allowTruncatedTail { return i }
            if available >= 1 {
                let b1 = p[i + 1]
                if b1 < lo || b1 > hi { return i }
            }
            var k = 2
            while k <= available {
                if p[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            if available < need { return nil }
            i += need + 1
        }
        return nil
    }

    /// True when every byte is ASCII or part of valid UTF-8.
    package static func isValid(_ p: UnsafePointer<UInt8>, count n: Int) -> Bool { firstInvalid(p, count: n) == nil }
}
