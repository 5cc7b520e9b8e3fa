import TableTalkCore

/// The pieces a follow-up contributes ("only for 2023" → a date filter, "by month instead" → a bucket).
struct PlanFragments: Sendable {
    var filters: [PlanFilter] = []
    var dimensions: [PlanExpr] = []
    var limit: Int?
    var limitDirection: Direction?
    var orderDirection: Direction?
    var share = false
    var aggregate: AggregateCue?
    /// The text is a question of its own (asks for a count, an aggregate, a ranking or a column).
    var standsAlone = false
    var unexplained: [String] = []

    var isEmpty: Bool {
        filters.isEmpty && dimensions.isEmpty && limit == nil && orderDirection == nil && !share && aggregate == nil
    }
}

extension PlanBuilder {
    /// Runs the passes without assembling, to see what a follow-up adds.
    mutating func fragments() -> PlanFragments {
        scanCues()
        resolveAmbiguity()
        parseDates()
        parseComparisons()
        parseContains()
        parsePredicates()
        parseValues()
        assignDimensions()
        assignMeasures()
        assignAnswer()
        var f = PlanFragments()
        f.filters = s.filters
        if !s.groupAt.isEmpty || s.bucket != nil { f.dimensions = dimensions() }
        f.limit = s.limit
        f.limitDirection = s.limitDirection
        f.orderDirection = s.orderDirection
        f.share = s.shareAt != nil || s.find(anyOf: BuilderWords.percentWords) != nil
        f.aggregate = s.measureCues.first?.cue ?? s.looseAggregate
        let asks = s.q.columnMentions.indices.contains { s.roles[$0] == .answer || s.roles[$0] == .measure }
        f.standsAlone = s.countAt != nil || s.superlative != nil || !s.measureCues.isEmpty || asks
        f.unexplained = s.unexplained.map { s.tokens[$0].original }
        return f
    }
}

/// Edits the previous plan with a follow-up: "only for 2023", "by month instead", "what about Canada?",
/// "top 10", "sort ascending", "as a percentage".
struct FollowUpEditor: Sendable {
    /// Words and phrases that mark an edit of the previous answer ("instead", "what about", "as a percentage").
    static let markers = BuilderWords.followUpMarkers

    /// True when the words read as an edit of the previous answer rather than a new question.
    static func isFollowUp(_ tokens: [Token], _ fragments: PlanFragments) -> Bool {
        let text = " " + tokens.map(\.word).joined(separator: " ") + " "
        let marked = markers.contains { text.contains(" \($0) ") } || (tokens.first.map { ["and", "but", "also"].contains($0.word) } ?? false)
        if fragments.isEmpty { return false }
        if marked { return true }
        return !fragments.standsAlone && tokens.count <= 6
    }

    /// The previous plan with the fragments applied.
    static func apply(_ f: PlanFragments, to previous: QueryPlan) -> QueryPlan {
        var plan = previous
        for filter in f.filters {
            let col = filter.expr.column
            plan.filters.removeAll { old in
                old.expr.column == col && old.expr != .rowPosition
            }
            plan.filters.append(filter)
        }
        if !f.dimensions.isEmpty {
            plan.dimensions = f.dimensions
            plan.order.removeAll { if case .expr = $0.key { return true } else { return false } }
            if plan.measures.isEmpty { plan.measures = [.rowCount] }
        }
        if let agg = f.aggregate, !plan.measures.isEmpty, plan.measures[0].expr != nil {
            plan.measures[0].aggregate = agg.aggregate
        }
        if f.share, !plan.measures.isEmpty {
            for i in plan.measures.indices { plan.measures[i].percentOfTotal = true }
        }
        if let n = f.limit {
            plan.limit = n
            let desc = (f.limitDirection ?? .up) == .up
            if plan.order.isEmpty {
                plan.order = plan.measures.isEmpty ? plan.columns.last.map { [PlanOrder(.expr($0), descending: desc)] } ?? [] : [PlanOrder(.measure(0), descending: desc)]
            } else if f.limitDirection != nil {
                plan.order[0].descending = desc
            }
            if plan.focus == nil, !plan.dimensions.isEmpty { plan.focus = .dimension(0) }
        }
        if let d = f.orderDirection {
            if plan.order.isEmpty {
                if !plan.measures.isEmpty { plan.order = [PlanOrder(.measure(0), descending: d == .down)] }
                else if let c = plan.dimensions.first ?? plan.columns.first { plan.order = [PlanOrder(.expr(c), descending: d == .down)] }
            } else {
                plan.order[0].descending = d == .down
            }
        }
        return plan
    }
}
