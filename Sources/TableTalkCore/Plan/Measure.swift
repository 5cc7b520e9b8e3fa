/// An aggregate of a plan ("average salary", "number of rows", "share of rows with free lunch").
public struct Measure: Sendable, Codable, Hashable {
    /// The aggregate function. Percent-of-total is a flag on top of any of them (see ``percentOfTotal``).
    public enum Aggregate: String, Sendable, Codable, Hashable, CaseIterable {
        case count, countDistinct, sum, avg, min, max, median
    }

    /// The aggregate function.
    public var aggregate: Aggregate
    /// What is aggregated; nil for `count(*)`.
    public var expr: PlanExpr?
    /// Only rows meeting these conditions count (SQL `FILTER (WHERE …)`); used for shares and differences.
    public var condition: [PlanFilter]
    /// Shows the measure as a percentage of its total: per group of the whole (`100 * x / sum(x) OVER ()`), or,
    /// for a measure with a ``condition``, of the same aggregate without the condition.
    public var percentOfTotal: Bool

    /// A measure; `expr` nil means `count(*)`.
    public init(
        _ aggregate: Aggregate, _ expr: PlanExpr? = nil, condition: [PlanFilter] = [], percentOfTotal: Bool = false
    ) {
        self.aggregate = aggregate
        self.expr = expr
        self.condition = condition
        self.percentOfTotal = percentOfTotal
    }

    /// `count(*)`.
    public static let rowCount = Measure(.count)
}

/// Combines the first two measures of a plan into one answer column ("how many more … than …").
public enum MeasureArithmetic: String, Sendable, Codable, Hashable {
    /// measures[0] − measures[1]
    case difference
    /// |measures[0] − measures[1]| ("the difference between A and B")
    case absoluteDifference
    /// measures[0] + measures[1]
    case total
    /// measures[0] ÷ measures[1]
    case ratio
}
