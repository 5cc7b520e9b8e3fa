/// One sort key of a plan.
public struct PlanOrder: Sendable, Codable, Hashable {
    /// What to sort by.
    public enum Key: Sendable, Codable, Hashable {
        /// The plan's measure at this index.
        case measure(Int)
        /// Any row expression (a column, a bucket, the row position).
        case expr(PlanExpr)
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key, descending: Bool) {
        self.key = key
        self.descending = descending
    }
}

/// Which output column answers the question ("which school …" → the school column, "average …" → the measure).
public enum PlanFocus: Sendable, Codable, Hashable {
    case dimension(Int)
    case column(Int)
    case measure(Int)
}
