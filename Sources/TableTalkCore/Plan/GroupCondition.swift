/// A condition on groups (SQL `HAVING`): "clarity grades with more than 10,000 diamonds" → `count(*) > 10000`.
public struct GroupCondition: Sendable, Codable, Hashable {
    /// The aggregate the condition tests; it need not be one of the plan's output measures.
    public var measure: Measure
    /// The comparison (`greater`, `lessOrEqual`, `between`, …).
    public var op: PlanFilter.Operator
    /// The operands.
    public var values: [PlanValue]

    public init(_ measure: Measure, _ op: PlanFilter.Operator, _ values: [PlanValue]) {
        self.measure = measure
        self.op = op
        self.values = values
    }
}
