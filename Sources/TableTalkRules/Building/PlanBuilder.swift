import TableTalkCore

/// A plan built from one question over one table, with how sure the builder is and why it may not be.
struct PlanDraft: Sendable {
    var plan: QueryPlan?
    /// 0…1; below the translator's threshold the answer becomes a clarification.
    var confidence: Double
    /// Parts of the question that could not be mapped ("a comparison with 50 that names no numeric column").
    var problems: [String]
    /// Readings the builder chose between, to offer the other.
    var alternatives: [String]
    /// Words nobody explained.
    var unexplained: [String]
}

/// Builds a ``QueryPlan`` from a question linked to one table, in passes: cues, dates, comparisons,
/// predicates, value pairs, positions, values, roles, then assembly.
struct PlanBuilder {
    var s: ParseState

    init(_ q: LinkedQuestion) { s = ParseState(q) }

    mutating func build() -> PlanDraft {
        scanCues()
        resolveAmbiguity()
        parseDates()
        parseComparisons()
        parsePredicates()
        var plan: QueryPlan?
        if s.differenceAt != nil || s.find("difference") != nil || s.find("minus") != nil { plan = buildDifference() }
        if plan == nil { plan = buildComparison() }
        parseNeighbours()
        if s.superlative == nil && s.limitDirection == nil { parseFirstLast() }
        parseValues()
        assignDimensions()
        assignMeasures()
        assignAnswer()
        if plan == nil {
            plan = assemble()
        } else {
            plan!.filters = s.filters + plan!.filters
        }
        if var p = plan {
            applyOrder(&p)
            plan = p
        }
        let unexplained = s.unexplained.map { s.tokens[$0].original }
        return PlanDraft(plan: plan, confidence: s.confidence, problems: s.problems, alternatives: s.alternatives, unexplained: unexplained)
    }

    /// "sorted by X", "ascending", "largest first" on top of whatever the plan ranks.
    mutating func applyOrder(_ plan: inout QueryPlan) {
        guard s.orderDirection != nil || s.sortMention != nil else { return }
        let desc = (s.orderDirection ?? (s.sortMention.map { s.column($0).role.isNumeric } ?? false ? .down : .up)) == .down
        if let m = s.sortMention {
            let c = s.column(m)
            let expr = numericExpr(c)
            if let idx = plan.measures.firstIndex(where: { $0.expr == expr }) {
                plan.order = [PlanOrder(.measure(idx), descending: desc)]
            } else if plan.measures.isEmpty {
                if !plan.columns.contains(expr) && !plan.columns.contains(.column(c.name)) { plan.columns.append(expr) }
                plan.order = [PlanOrder(.expr(expr), descending: desc)]
            } else {
                plan.order = [PlanOrder(.expr(.column(c.name)), descending: desc)]
            }
            return
        }
        if !plan.order.isEmpty {
            plan.order[0].descending = desc
        } else if !plan.measures.isEmpty {
            plan.order = [PlanOrder(.measure(0), descending: desc)]
        } else if let first = plan.dimensions.first ?? plan.columns.first {
            plan.order = [PlanOrder(.expr(first), descending: desc)]
        }
    }
}
