/// The shape of a date or timestamp as written, before the day/month order is decided.
package struct ScannedDate {
    package enum Shape {
        /// Year first (`2024-03-05`, `2024/3/5`).
        case yearFirst
        /// Two short numbers then a year (`03/05/2024`, `5.3.24`): order decided per column.
        case numeric
        /// Month written as a name (`5 Mar 2024`, `Mar 5, 2024`): unambiguous.
        case named
    }

    package var shape: Shape
    package var a = 0
    package var b = 0
    package var year = 0
    package var separator: UInt8 = 0
    package var twoDigitYear = false
    package var hasTime = false
    package var hour = 0
    package var minute = 0
    package var second = 0
    /// Fractional seconds as written (digits, up to 9).
    package var fraction = 0
    package var fractionDigits = 0
    /// Minutes east of UTC when the value carries an offset (`Z`, `+02:00`).
    package var offsetMinutes: Int?

    /// (year, month, day) under `order`, or nil when invalid in that order.
    package func resolve(_ order: DateOrder) -> (Int, Int, Int)? {
        let (m, d): (Int, Int)
        switch shape {
        case .yearFirst, .named: (m, d) = (a, b)
        case .numeric: (m, d) = order == .dmy ? (b, a) : (a, b)
        }
        return CivilDate.isValid(year, m, d) ? (year, m, d) : nil
    }

    /// Whether month/day (US) and day/month (European) readings are valid.
    package var validOrders: (mdy: Bool, dmy: Bool) {
        guard shape == .numeric else { return (true, true) }
        return (CivilDate.isValid(year, a, b), CivilDate.isValid(year, b, a))
    }
}
