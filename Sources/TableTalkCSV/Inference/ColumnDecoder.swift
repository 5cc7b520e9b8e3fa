package import TableTalkCore

/// How one column's text becomes a stored value: the column type plus the number style and date order the
/// inference chose. Shared by the analyzer's decision and the load loop, so both always agree.
package struct ColumnDecoder: Sendable, Hashable, Codable {
    package var type: ColumnType
    package var style: NumberStyle = .us
    package var order: DateOrder = .ymd

    package init(_ type: ColumnType, style: NumberStyle = .us, order: DateOrder = .ymd) {
        self.type = type
        self.style = style
        self.order = order
    }
}

/// One decoded value, ready to bind. `.text` points at the field or at the caller's scratch buffer.
package enum DecodedValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(UnsafePointer<UInt8>, Int)
    case failed
}

extension ColumnDecoder {
    /// Decodes a non-null field. `scratch` needs 40 bytes (normalized dates and timestamps are written there).
    @inline(__always)
    package func decode(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: UnsafeMutablePointer<UInt8>) -> DecodedValue {
        switch type {
        case .text:
            return .text(p, n)
        case .integer:
            guard let v = NumberParser.parse(p, n, style: style), v.isInteger, !v.overflow, !v.leadingZero else {
                return .failed  // a late `007` widens the column to TEXT, as it would have in the sample
            }
            return .integer(v.intValue)
        case .real:
            guard let v = NumberParser.parse(p, n, style: style), !v.leadingZero else { return .failed }
            return .real(v.doubleValue)
        case .boolean:
            guard let b = ValueTokens.boolean(p, n) else { return .failed }
            return .integer(b ? 1 : 0)
        case .date:
            guard let s = DateParser.scan(p, n), !s.hasTime, let (y, m, d) = s.resolve(order) else { return .failed }
            return .text(scratch, DateWriter.date(y, m, d, into: scratch))
        case .timestamp:
            guard let s = DateParser.scan(p, n), let (y, m, d) = s.resolve(order) else { return .failed }
            return .text(scratch, DateWriter.timestamp(s, y, m, d, into: scratch))
        }
    }
}

/// Writes normalized `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS[.fff]` (UTC when the value had an offset).
package enum DateWriter {
    @inline(__always)
    private static func put(_ v: Int, _ width: Int, _ d: UnsafeMutablePointer<UInt8>) {
        var v = v
        var i = width - 1
        while i >= 0 {
            d[i] = UInt8(0x30 + v % 10)
            v /= 10
            i -= 1
        }
    }

    package static func date(_ y: Int, _ m: Int, _ d: Int, into o: UnsafeMutablePointer<UInt8>) -> Int {
        put(y, 4, o)
        o[4] = 0x2D
        put(m, 2, o + 5)
        o[7] = 0x2D
        put(d, 2, o + 8)
        return 10
    }

    package static func timestamp(_ s: ScannedDate, _ y0: Int, _ m0: Int, _ d0: Int, into o: UnsafeMutablePointer<UInt8>) -> Int {
        var (y, m, d, h, mi) = (y0, m0, d0, s.hour, s.minute)
        if let off = s.offsetMinutes, off != 0 {
            var total = CivilDate.days(y, m, d) * 1440 + h * 60 + mi - off
            var days = total / 1440
            total -= days * 1440
            if total < 0 {
                total += 1440
                days -= 1
            }
            (y, m, d) = CivilDate.civil(days)
            h = total / 60
            mi = total % 60
        }
        _ = date(y, m, d, into: o)
        o[10] = 0x20
        put(h, 2, o + 11)
        o[13] = 0x3A
        put(mi, 2, o + 14)
        o[16] = 0x3A
        put(s.second, 2, o + 17)
        guard s.fractionDigits > 0 else { return 19 }
        o[19] = 0x2E
        put(s.fraction, s.fractionDigits, o + 20)
        return 20 + s.fractionDigits
    }
}
