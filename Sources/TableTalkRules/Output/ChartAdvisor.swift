public import TableTalkCore

/// Suggests a chart for a plan's result: a line for time series, bars for values per category, none for a
/// single value or a plain list.
public struct ChartAdvisor: Sendable {
    /// A stateless advisor.
    public init() {}

    /// - Parameter names: the output column names of the plan's SQL (see ``SQLRenderer/outputNames(for:)``).
    public func suggest(for plan: QueryPlan, columnNames names: [String]) -> ChartSuggestion {
        if plan.isScalar || names.count < 2 { return ChartSuggestion(kind: .none) }
        guard !plan.measures.isEmpty, let firstDim = plan.dimensions.first else {
            return ChartSuggestion(kind: .none)
        }
        let y = names[plan.dimensions.count + plan.columns.count]
        if plan.limit == 1 { return ChartSuggestion(kind: .none) }
        switch firstDim {
        case .bucket, .datePart(_, .year):
            return ChartSuggestion(kind: .line, x: names[0], y: y)
        default:
            return ChartSuggestion(kind: .bar, x: names[0], y: y)
        }
    }
}
