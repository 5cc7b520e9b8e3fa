/// Reads dates and timestamps from bytes: ISO (`2024-03-05`, `2024-03-05T10:30:00Z`), numeric with `/ - .`
/// (`03/05/2024`, `5.3.24`), month names (`5 Mar 2024`, `Mar 5, 2024`, `05-Mar-2024`), optional time
/// (`10:30`, `10:30:15.250`, `2:05 PM`) and offset (`Z`, `+02:00`, `UTC`).
package enum DateParser {
    private static let monthNames: [String: Int] = {
        var m: [String: Int] = [:]
        let full = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        for (i, name) in full.enumerated() {
            m[name] = i + 1
            m[String(name.prefix(3))] = i + 1
        }
        m["sept"] = 9
        return m
    }()

    package static func scan(_ p: UnsafePointer<UInt8>, _ n: Int) -> ScannedDate? {
        guard n >= 6 && n <= 40 else { return nil }
        var i = 0
        var s: ScannedDate
        if isDigit(p[0]) {
            let (v1, l1) = digits(p, &i, n, max: 4)
            if l1 == 4 {
                guard i < n, let sep = separator(p[i]) else { return nil }
                i += 1
                let (m, lm) = digits(p, &i, n, max: 2)
                guard lm > 0, i < n, p[i] == sep else { return nil }
                i += 1
                let (d, ld) = digits(p, &i, n, max: 2)
                guard ld > 0 else { return nil }
                s = ScannedDate(shape: .yearFirst, a: m, b: d, year: v1, separator: sep)
            } else if l1 <= 2 {
                guard i < n else { return nil }
                let sep = p[i]
                guard separator(sep) != nil || sep == 0x20 else { return nil }
                i += 1
                if i < n && isDigit(p[i]) {
                    guard sep != 0x20 else { return nil }
                    let (v2, l2) = digits(p, &i, n, max: 2)
                    guard l2 > 0, i < n, p[i] == sep else { return nil }
                    i += 1
                    guard let (y, two) = year(p, &i, n) else { return nil }
                    s = ScannedDate(shape: .numeric, a: v1, b: v2, year: y, separator: sep, twoDigitYear: two)
                } else {
                    guard let month = monthName(p, &i, n) else { return nil }
                    if sep == 0x20 {
                        guard i < n && p[i] == 0x20 else { return nil }
                    } else {
                        guard i < n && p[i] == sep else { return nil }
                    }
                    i += 1
                    guard let (y, two) = year(p, &i, n) else { return nil }
                    s = ScannedDate(shape: .named, a: month, b: v1, year: y, separator: sep, twoDigitYear: two)
                }
            } else {
                return nil
            }
        } else {
            guard let month = monthName(p, &i, n), i < n, p[i] == 0x20 else { return nil }
            i += 1
            let (d, ld) = digits(p, &i, n, max: 2)
            guard ld > 0 else { return nil }
            if i < n && p[i] == 0x2C { i += 1 }
            guard i < n && p[i] == 0x20 else { return nil }
            i += 1
            let (y, ly) = digits(p, &i, n, max: 4)
            guard ly == 4 else { return nil }
            s = ScannedDate(shape: .named, a: month, b: d, year: y, separator: 0x20)
        }
        if i == n { return s }
        guard p[i] == 0x54 || p[i] == 0x20 else { return nil }
        i += 1
        while i < n && p[i] == 0x20 { i += 1 }
        guard parseTime(p, &i, n, into: &s), i == n else { return nil }
        return s
    }

    private static func parseTime(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, into s: inout ScannedDate)
        -> Bool
    {
        let (h, lh) = digits(p, &i, n, max: 2)
        guard lh > 0, i < n, p[i] == 0x3A else { return false }
        i += 1
        let (mi, lmi) = digits(p, &i, n, max: 2)
        guard lmi == 2 else { return false }
        var sec = 0
        if i < n && p[i] == 0x3A {
            i += 1
            let (sv, ls) = digits(p, &i, n, max: 2)
            guard ls == 2 else { return false }
            sec = sv
            if i < n && (p[i] == 0x2E || p[i] == 0x2C) {
                i += 1
                var f = 0
                var fd = 0
                while i < n && isDigit(p[i]) {
                    if fd < 9 {
                        f = f * 10 + Int(p[i] - 0x30)
                        fd += 1
                    }
                    i += 1
                }
                guard fd > 0 else { return false }
                s.fraction = f
                s.fractionDigits = fd
            }
        }
        var hour = h
        var j = i
        while j < n && p[j] == 0x20 { j += 1 }
        if j + 1 < n && (p[j] | 0x20 == 0x61 || p[j] | 0x20 == 0x70) && p[j + 1] | 0x20 == 0x6D {
            guard h >= 1 && h <= 12 else { return false }
            let pm = p[j] | 0x20 == 0x70
            hour = h % 12 + (pm ? 12 : 0)
            i = j + 2
        }
        guard hour <= 23 && mi <= 59 && sec <= 59 else { return false }
        s.hasTime = true
        s.hour = hour
        s.minute = mi
        s.second = sec
        while i < n && p[i] == 0x20 { i += 1 }
        if i == n { return true }
        if p[i] == 0x5A && i + 1 == n {
            s.offsetMinutes = 0
            i += 1
            return true
        }
        if n - i == 3 && p[i] == 0x55 && p[i + 1] == 0x54 && p[i + 2] == 0x43 {
            s.offsetMinutes = 0
            i = n
            return true
        }
        if p[i] == 0x2B || p[i] == 0x2D {
            let neg = p[i] == 0x2D
            i += 1
            let (oh, loh) = digits(p, &i, n, max: 2)
            guard loh == 2, oh <= 14 else { return false }
            var om = 0
            if i < n && p[i] == 0x3A { i += 1 }
            if i < n {
                let (v, lv) = digits(p, &i, n, max: 2)
                guard lv == 2, v <= 59 else { return false }
                om = v
            }
            s.offsetMinutes = (neg ? -1 : 1) * (oh * 60 + om)
            return true
        }
        return false
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    private static func separator(_ c: UInt8) -> UInt8? { (c == 0x2D || c == 0x2F || c == 0x2E) ? c : nil }

    private static func digits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, max: Int) -> (Int, Int) {
        var v = 0
        var l = 0
        while i < n && l < max && isDigit(p[i]) {
            v = v * 10 + Int(p[i] - 0x30)
            l += 1
            i += 1
        }
        if i < n && isDigit(p[i]) { return (v, max + 1) }  // too many digits
        return (v, l)
    }

    private static func year(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) -> (Int, Bool)? {
        let (y, l) = digits(p, &i, n, max: 4)
        if l == 4 { return (y, false) }
        if l == 2 { return (y < 70 ? 2000 + y : 1900 + y, true) }
        return nil
    }

    private static func monthName(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) -> Int? {
        var name: [UInt8] = []
        while i < n && name.count < 10 {
            let c = p[i] | 0x20
            guard c >= 0x61 && c <= 0x7A else { break }
            name.append(c)
            i += 1
        }
        if i < n && p[i] == 0x2E { i += 1 }  // "Sept."
        guard name.count >= 3 else { return nil }
        return monthNames[String(decoding: name, as: UTF8.self)]
    }
}
