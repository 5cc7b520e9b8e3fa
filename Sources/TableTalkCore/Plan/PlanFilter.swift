/// A literal or data-relative value in a filter. Renderers turn each into a safe SQL literal.
public enum PlanValue: Sendable, Codable, Hashable {
    case text(String)
    case integer(Int64)
    case real(Double)
    /// An ISO date `YYYY-MM-DD` (compared as text in SQLite, `DATE '…'` in Trino).
    case date(String)
    /// The start of the `count`-th latest calendar bucket of the filtered column, relative to the column's
    /// largest value in the data (count 1 = the bucket holding the latest date: "last quarter" of the data).
    case latestPeriodStart(TimeBucket, count: Int)
    /// The position of the first row whose `column` equals `value` ("the row after X").
    case positionOf(column: String, value: String)
    /// The filtered expression's value in the first row whose `keyColumn` equals `key`
    /// ("faster than Beth Heiden", "the same number of gold medals as Colombia").
    case valueAt(keyColumn: String, key: String)
    /// The largest value of the filtered expression among the rows the plan's other filters keep
    /// ("the row with the highest score", ties included).
    case maximum
    /// The smallest value of the filtered expression among the rows the plan's other filters keep.
    case minimum
}

/// A condition on rows.
public struct PlanFilter: Sendable, Codable, Hashable {
    /// How the expression is compared with the values.
    public enum Operator: String, Sendable, Codable, Hashable {
        case equals, notEquals, less, lessOrEqual, greater, greaterOrEqual
        /// Inclusive range `values[0]…values[1]`.
        case between
        /// Half-open range `values[0] ≤ x < values[1]` (dates: "in 2023", "March 2023").
        case range
        case isIn, notIn
        /// Case-insensitive substring.
        case contains
        case isNull, isNotNull
    }

    /// What is compared.
    public var expr: PlanExpr
    /// The comparison.
    public var op: Operator
    /// The operands (none for null tests, two for ranges).
    public var values: [PlanValue]
    /// How the builder phrased it ("in 2023", "last quarter"), for the restatement; nil lets the restater word it.
    public var phrase: String?

    public init(_ expr: PlanExpr, _ op: Operator, _ values: [PlanValue] = [], phrase: String? = nil) {
        self.expr = expr
        self.op = op
        self.values = values
        self.phrase = phrase
    }
}
