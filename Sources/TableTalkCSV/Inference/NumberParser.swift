import Foundation

/// Which characters group thousands and which one marks decimals.
package enum NumberStyle: String, Sendable, Hashable, Codable {
    /// `1,234.5`
    case us
    /// `1.234,5`
    case european

    package var group: UInt8 { self == .us ? 0x2C : 0x2E }
    package var decimal: UInt8 { self == .us ? 0x2E : 0x2C }
}

/// A number read from text, with what was stripped to read it.
package struct ParsedNumber {
    package var isInteger = true
    package var intValue: Int64 = 0
    package var doubleValue: Double = 0
    /// Integer part has a superfluous leading zero (`007`, `0123`): a code, not a quantity.
    package var leadingZero = false
    package var percent = false
    package var currency = false
    package var grouped = false
    /// An integer too large for 64 bits.
    package var overflow = false
    /// Contains `,` or `.` (for telling styles apart).
    package var hasSeparator = false
}

/// Reads numbers from bytes: signs (`-`, `+`, U+2212 minus, accounting parentheses), currency signs ($ € £ ¥)
/// before or after, a trailing `%`, thousands separators in groups of three, decimals and exponents.
package enum NumberParser {
    private static let pow10: [Double] = (0...22).map { pow(10, Double($0)) }

    package static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, style: NumberStyle) -> ParsedNumber? {
        var r = ParsedNumber()
        var i = 0
        var e = n
        var negative = false
        if e >= 2 && p[0] == 0x28 && p[e - 1] == 0x29 {  // (123) accounting negative
            negative = true
            i = 1
            e -= 1
        }
        var signSeen = negative
        // Prefix: sign and currency in either order, spaces between.
        prefix: while i < e {
            let c = p[i]
            if c == 0x2D || c == 0x2B {
                if signSeen { return nil }
                signSeen = true
                negative = c == 0x2D
                i += 1
            } else if c == 0xE2 && i + 2 < e && p[i + 1] == 0x88 && p[i + 2] == 0x92 {  // U+2212
                if signSeen { return nil }
                signSeen = true
                negative = true
                i += 3
            } else if let len = currencyLength(p, i, e) {
                if r.currency { return nil }
                r.currency = true
                i += len
            } else if c == 0x20 && (r.currency || signSeen) {
                i += 1
            } else {
                break prefix
            }
        }
        // Suffix: spaces, currency, percent.
        suffix: while e > i {
            let c = p[e - 1]
            if c == 0x25 {
                if r.percent { return nil }
                r.percent = true
                e -= 1
            } else if c == 0x20 {
                e -= 1
            } else if let len = currencyLengthBackward(p, i, e) {
                if r.currency { return nil }
                r.currency = true
                e -= len
            } else {
                break suffix
            }
        }
        let group = style.group
        let decimal = style.decimal
        var mant: UInt64 = 0
        var mantDigits = 0
        var exp10 = 0
        var intAcc: UInt64 = 0
        var intDigits = 0
        var groupLen = 0
        let start = i
        while i < e {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                let d = UInt64(c - 0x30)
                if intDigits == 1 && intAcc == 0 { r.leadingZero = true }
                intDigits += 1
                groupLen += 1
                if !r.overflow {
                    let (m, o1) = intAcc.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 { r.overflow = true } else { intAcc = a }
                }
                if mantDigits < 19 {
                    mant = mant * 10 + d
                    if mant != 0 { mantDigits += 1 }
                } else {
                    exp10 += 1
                }
                i += 1
            } else if c == group {
                if groupLen < 1 || groupLen > 3 || (r.grouped && groupLen != 3) { return nil }
                guard i + 3 < e || i + 3 == e else { return nil }
                r.grouped = true
                r.hasSeparator = true
                groupLen = 0
                i += 1
            } else {
                break
            }
        }
        if r.grouped && groupLen != 3 { return nil }
        if r.grouped && r.leadingZero { return nil }
        var fracDigits = 0
        if i < e && p[i] == decimal {
            r.isInteger = false
            r.hasSeparator = true
            i += 1
            while i < e && p[i] >= 0x30 && p[i] <= 0x39 {
                if mantDigits < 19 {
                    mant = mant * 10 + UInt64(p[i] - 0x30)
                    if mant != 0 { mantDigits += 1 }
                    exp10 -= 1
                }
                fracDigits += 1
                i += 1
            }
        }
        if intDigits + fracDigits == 0 { return nil }
        if i < e && (p[i] == 0x65 || p[i] == 0x45) && !r.grouped {
            r.isInteger = false
            i += 1
            var expNeg = false
            if i < e && (p[i] == 0x2D || p[i] == 0x2B) {
                expNeg = p[i] == 0x2D
                i += 1
            }
            var ev = 0
            var evDigits = 0
            while i < e && p[i] >= 0x30 && p[i] <= 0x39 {
                if ev < 100_000 { ev = ev * 10 + Int(p[i] - 0x30) }
                evDigits += 1
                i += 1
            }
            if evDigits == 0 { return nil }
            exp10 += expNeg ? -ev : ev
        }
        if i != e || i == start { return nil }
        if r.isInteger {
            if r.overflow || intAcc > UInt64(Int64.max) + (negative ? 1 : 0) {
                r.overflow = true
            } else {
                r.intValue = negative ? Int64(bitPattern: 0 &- intAcc) : Int64(intAcc)
            }
        }
        r.doubleValue = makeDouble(mant, mantDigits, exp10, negative)
        return r
    }

    private static func makeDouble(_ mant: UInt64, _ digits: Int, _ exp10: Int, _ negative: Bool) -> Double {
        var v: Double
        if mant == 0 {
            v = 0
        } else if digits <= 15 && exp10 >= -22 && exp10 <= 22 {
            v = Double(mant)
            v = exp10 >= 0 ? v * pow10[exp10] : v / pow10[-exp10]
        } else {
            v = strtod("\(mant)e\(exp10)", nil)
        }
        return negative ? -v : v
    }

    /// Length of a currency sign at `i` ($ € £ ¥), if any.
    @inline(__always)
    package static func currencyLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ e: Int) -> Int? {
        let c = p[i]
        if c == 0x24 { return 1 }
        if c == 0xE2 && i + 2 < e && p[i + 1] == 0x82 && p[i + 2] == 0xAC { return 3 }
        if c == 0xC2 && i + 1 < e && (p[i + 1] == 0xA3 || p[i + 1] == 0xA5) { return 2 }
        return nil
    }

    /// Length of a currency sign ending just before `e`, if any.
    @inline(__always)
    package static func currencyLengthBackward(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        if e - s >= 1 && p[e - 1] == 0x24 { return 1 }
        if e - s >= 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x82 && p[e - 1] == 0xAC { return 3 }
        if e - s >= 2 && p[e - 2] == 0xC2 && (p[e - 1] == 0xA3 || p[e - 1] == 0xA5) { return 2 }
        return nil
    }
}
