/// A structured reading of a question: table, measures, dimensions, filters, order and limit.
///
/// Renders to SQL (through a dialect) and restates itself in English; follow-ups ("only 2023", "top 10") edit it.
/// Output columns are, in order: ``dimensions``, ``columns``, then ``measures`` (or their ``arithmetic``).
///
/// ```swift
/// var plan = QueryPlan(table: "staff")
/// plan.dimensions = [.column("department")]
/// plan.measures = [Measure(.avg, .column("salary"))]
/// plan.filters = [PlanFilter(.column("office"), .equals, [.text("Berlin")])]
/// ```
public struct QueryPlan: Sendable, Codable, Hashable {
    public var table: String
    /// Group-by keys (columns or time buckets).
    public var dimensions: [PlanExpr]
    /// Plain row values shown (lists, lookups, superlative answers); with measures they are grouped too.
    public var columns: [PlanExpr]
    public var measures: [Measure]
    /// Combines measures[0] and measures[1] into one answer column.
    public var arithmetic: MeasureArithmetic?
    /// Row conditions (SQL `WHERE`), all of which must hold.
    public var filters: [PlanFilter]
    /// Group conditions (SQL `HAVING`), all of which must hold; only with measures or dimensions.
    public var groupConditions: [GroupCondition]
    /// Keeps the first rows of each group instead of the first rows overall (``limit`` then applies after it).
    public var perGroup: GroupRanking?
    public var order: [PlanOrder]
    /// At most this many rows (top-N, superlatives).
    public var limit: Int?
    /// Drops duplicate rows from a list.
    public var distinct: Bool
    /// The output column that answers the question; nil means the last one.
    public var focus: PlanFocus?

    public init(
        table: String, dimensions: [PlanExpr] = [], columns: [PlanExpr] = [], measures: [Measure] = [],
        arithmetic: MeasureArithmetic? = nil, filters: [PlanFilter] = [], order: [PlanOrder] = [],
        limit: Int? = nil, distinct: Bool = false, focus: PlanFocus? = nil,
        groupConditions: [GroupCondition] = [], perGroup: GroupRanking? = nil
    ) {
        self.table = table
        self.dimensions = dimensions
        self.columns = columns
        self.measures = measures
        self.arithmetic = arithmetic
        self.filters = filters
        self.order = order
        self.limit = limit
        self.distinct = distinct
        self.focus = focus
        self.groupConditions = groupConditions
        self.perGroup = perGroup
    }

    /// Decodes plans stored before group conditions and per-group rankings existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        table = try c.decode(String.self, forKey: .table)
        dimensions = try c.decodeIfPresent([PlanExpr].self, forKey: .dimensions) ?? []
        columns = try c.decodeIfPresent([PlanExpr].self, forKey: .columns) ?? []
        measures = try c.decodeIfPresent([Measure].self, forKey: .measures) ?? []
        arithmetic = try c.decodeIfPresent(MeasureArithmetic.self, forKey: .arithmetic)
        filters = try c.decodeIfPresent([PlanFilter].self, forKey: .filters) ?? []
        groupConditions = try c.decodeIfPresent([GroupCondition].self, forKey: .groupConditions) ?? []
        perGroup = try c.decodeIfPresent(GroupRanking.self, forKey: .perGroup)
        order = try c.decodeIfPresent([PlanOrder].self, forKey: .order) ?? []
        limit = try c.decodeIfPresent(Int.self, forKey: .limit)
        distinct = try c.decodeIfPresent(Bool.self, forKey: .distinct) ?? false
        focus = try c.decodeIfPresent(PlanFocus.self, forKey: .focus)
    }

    /// True when the plan aggregates (has measures).
    public var isAggregate: Bool { !measures.isEmpty }

    /// True when the answer is a single value (one measure or a combination, no grouping, no listed columns).
    public var isScalar: Bool {
        dimensions.isEmpty && columns.isEmpty && (measures.count == 1 || (arithmetic != nil && measures.count == 2))
    }

    /// Number of output columns.
    public var outputColumnCount: Int {
        dimensions.count + columns.count + (arithmetic != nil ? 1 : measures.count)
    }

    /// Index of the answer among the output columns (see ``focus``).
    public var focusIndex: Int {
        switch focus {
        case .dimension(let i): return i
        case .column(let i): return dimensions.count + i
        case .measure(let i): return dimensions.count + columns.count + (arithmetic != nil ? 0 : i)
        case nil: return max(0, outputColumnCount - 1)
        }
    }
}
