/// Spellings that mean "no value" and spellings of booleans, matched on bytes (ASCII case-insensitive).
package enum ValueTokens {
    /// Empty, `NA`, `N/A`, `#N/A`, `null`, `NaN`, `-` (any case) read as NULL.
    @inline(__always)
    package static func isNull(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        if n > 4 { return false }
        let c0 = p[0] | 0x20
        switch n {
        case 1: return p[0] == 0x2D
        case 2: return c0 == 0x6E && p[1] | 0x20 == 0x61  // na
        case 3:
            // n/a, nan
            if c0 != 0x6E { return false }
            let c1 = p[1] | 0x20
            let c2 = p[2] | 0x20
            return (p[1] == 0x2F && c2 == 0x61) || (c1 == 0x61 && c2 == 0x6E)
        default:
            if c0 == 0x6E {
                return p[1] | 0x20 == 0x75 && p[2] | 0x20 == 0x6C && p[3] | 0x20 == 0x6C  // null
            }
            return p[0] == 0x23 && p[1] | 0x20 == 0x6E && p[2] == 0x2F && p[3] | 0x20 == 0x61  // #n/a
        }
    }

    /// `true/false`, `yes/no`, `t/f`, `y/n` (any case); nil for anything else (digits are numbers, not booleans).
    @inline(__always)
    package static func boolean(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        guard n >= 1 && n <= 5 else { return nil }
        var w: UInt64 = 0
        for i in 0..<n { w = w << 8 | UInt64(p[i] | 0x20) }
        switch w {
        case 0x7472_7565, 0x7965_73, 0x74, 0x79: return true  // true yes t y
        case 0x66_616C_7365, 0x6E6F, 0x66, 0x6E: return false  // false no f n
        default: return nil
        }
    }
}
