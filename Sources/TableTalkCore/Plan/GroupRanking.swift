/// Top-N within each group ("top 2 salaries in each discipline", "for each cut, which color has the highest
/// average price"): rows are ranked by the plan's first ``PlanOrder`` within each partition and the first
/// ``limit`` of every partition are kept.
public struct GroupRanking: Sendable, Codable, Hashable {
    /// The expressions that form the groups (each must be among the plan's dimensions or columns).
    public var partition: [PlanExpr]
    /// How many rows each group keeps. With 1, rows that tie for first are all kept.
    public var limit: Int

    public init(partition: [PlanExpr], limit: Int) {
        self.partition = partition
        self.limit = limit
    }
}
