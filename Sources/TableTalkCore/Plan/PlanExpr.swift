/// A calendar bucket for grouping dates and timestamps ("by month", "weekly").
public enum TimeBucket: String, Sendable, Codable, Hashable, CaseIterable {
    case year, quarter, month, week, day

    /// The English noun ("month"), used in restatements.
    public var noun: String { rawValue }
}

/// A calendar part of a date, for filters such as "in July" (month of year 7) or "on Mondays".
public enum DatePart: String, Sendable, Codable, Hashable, CaseIterable {
    /// 1…12.
    case monthOfYear
    /// 0 (Sunday)…6.
    case dayOfWeek
    /// The four-digit year as a number.
    case year
}

/// A value a plan reads from each row: a column, a transformed column, or the row's position in the file.
///
/// Plans only ever name columns through this type, so a renderer can quote every identifier and a dialect
/// can choose its own functions for buckets and parts.
public enum PlanExpr: Sendable, Codable, Hashable {
    /// The column as stored.
    case column(String)
    /// A date or timestamp column truncated to a bucket (rendered as text such as `2023-07` or `2023-Q3`).
    case bucket(String, TimeBucket)
    /// A calendar part of a date or timestamp column.
    case datePart(String, DatePart)
    /// The leading number of a text column ("996 days" → 996, "1,774" → 1774); NULL when the cell has none.
    case leadingNumber(String)
    /// A duration written as text ("1:55.72", "2:03:45") in seconds.
    case durationSeconds(String)
    /// The product of two numeric columns (e.g. price × units for a stock value).
    case product(String, String)
    /// The row's position in the source file (first row = 1), for "first", "last", "next after".
    case rowPosition

    /// The columns this expression reads.
    public var columns: [String] {
        switch self {
        case .column(let c), .bucket(let c, _), .datePart(let c, _), .leadingNumber(let c), .durationSeconds(let c): return [c]
        case .product(let a, let b): return [a, b]
        case .rowPosition: return []
        }
    }

    /// The main column read, if any.
    public var column: String? { columns.first }
}
