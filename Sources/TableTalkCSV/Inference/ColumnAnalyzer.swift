import TableTalkCore

/// Watches one column's values and keeps every type that still fits all of them; ``decide(hints:)`` then picks
/// the narrowest (BOOLEAN, INTEGER, REAL, DATE, TIMESTAMP, else TEXT) with notes on what it had to assume.
package struct ColumnAnalyzer {
    package var nonNull = 0
    package var nulls = 0
    package var numUS = true
    package var numEU = true
    package var intUS = true
    package var intEU = true
    package var leadingZero = false
    package var overflow = false
    package var percent = false
    package var currency = false
    package var grouped = false
    package var ambiguousSeparator = false
    package var bool = true
    package var date = true
    package var timestamp = true
    package var mdy = true
    package var dmy = true
    package var numericDates = false
    package var dotSeparatedDates = false
    package var twoDigitYear = false
    package var offsets = false

    package init() {}

    package var anyCandidate: Bool { numUS || numEU || bool || timestamp }

    package mutating func add(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if ValueTokens.isNull(p, n) {
            nulls += 1
            return
        }
        nonNull += 1
        guard anyCandidate else { return }
        if bool && ValueTokens.boolean(p, n) == nil { bool = false }
        if numUS || numEU { addNumber(p, n) }
        if timestamp { addDate(p, n) }
    }

    package mutating func add(_ field: UnsafeBufferPointer<UInt8>) {
        guard let base = field.baseAddress, field.count > 0 else {
            nulls += 1
            return
        }
        add(base, field.count)
    }

    private mutating func addNumber(_ p: UnsafePointer<UInt8>, _ n: Int) {
        let us = numUS ? NumberParser.parse(p, n, style: .us) : nil
        let eu = numEU ? NumberParser.parse(p, n, style: .european) : nil
        if us == nil { numUS = false }
        if eu == nil { numEU = false }
        for v in [us, eu].compactMap({ $0 }) {
            if v.leadingZero { leadingZero = true }
            if v.percent { percent = true }
            if v.currency { currency = true }
            if v.grouped { grouped = true }
        }
        if let us {
            if !us.isInteger { intUS = false }
            if us.overflow { overflow = true }
        }
        if let eu {
            if !eu.isInteger { intEU = false }
            if eu.overflow && us == nil { overflow = true }
        }
        if let us, let eu, us.hasSeparator, us.doubleValue != eu.doubleValue { ambiguousSeparator = true }
    }

    private mutating func addDate(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard let s = DateParser.scan(p, n) else {
            date = false
            timestamp = false
            return
        }
        if s.hasTime { date = false }
        if s.offsetMinutes != nil { offsets = true }
        if s.twoDigitYear { twoDigitYear = true }
        if s.shape == .numeric {
            numericDates = true
            if s.separator == 0x2E { dotSeparatedDates = true }
            let (a, b) = s.validOrders
            mdy = mdy && a
            dmy = dmy && b
            if !mdy && !dmy {
                date = false
                timestamp = false
            }
        } else if s.resolve(.ymd) == nil {
            date = false
            timestamp = false
        }
    }
}

