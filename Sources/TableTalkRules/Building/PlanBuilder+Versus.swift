import TableTalkCore

/// Two sides set against each other: "fair vs ideal cut – avg carat", "avg salary men vs women", "are vans heavier
/// than large cars on average?", "compare the saving rate in 1970 vs 2000": one row per side with its figure
/// (a yes/no question is settled by the figures). Also date ranges written as two ends ("1980 through 1983").
extension PlanBuilder {
    /// True when the question sets things against each other: a versus word, or a comparative with "than".
    var hasVersusCue: Bool {
        let versus = s.tokens.indices.contains { Phrasings.versusWords.contains(s.w($0)) }
        let comparativeThan = s.tokens.indices.contains { i in
            s.w(i) == "than" && (1...3).contains { k in Vocabulary.comparatives[s.w(i - k)] != nil || superlativeDirection(i - k) != nil || (s.tok(i - k).map { Adjectives.readings(ofStem: $0.stem) != nil } ?? false) }
        }
        return versus || comparativeThan
    }

    /// A yes/no question ("are …", "did …", "was …").
    var isYesNo: Bool { Phrasings.yesNoOpeners.contains(s.w(0)) }

    /// Reworks an assembled plan whose filters hold two sides of a comparison into one row per side.
    mutating func applyVersus(_ plan: inout QueryPlan) {
        mergeDateEnds(&plan)
        guard hasVersusCue, plan.perGroup == nil, !s.spread, plan.arithmetic == nil else { return }
        // which question words ask for the winner ("which is larger, A or B") are answered elsewhere
        if let q = s.questionWord, ["which", "who"].contains(q.word), plan.limit == 1 { return }
        guard let k = sidesFilter(plan) else { return }
        var side = plan.filters[k].expr
        if case .column(let c) = side, let col = s.table.column(named: c), col.role.isTemporal {
            side = .datePart(c, .year)
        }
        // "employees in Berlin paid more …": an ID column is never the figure compared
        if plan.isAggregate, let c = plan.measures.first?.expr?.column.flatMap({ s.table.column(named: $0) }), isIdentifierLike(c), let better = versusMeasure() {
            plan.measures = [better]
        }
        if !plan.isAggregate {
            guard let measure = versusMeasure() else { return }
            plan.columns = []
            plan.distinct = false
            plan.measures = [measure]
        }
        if plan.dimensions.contains(side) { return }
        plan.dimensions.insert(side, at: 0)
        plan.order = []
        plan.limit = nil
        plan.focus = nil
        // the comparative that asked for it is explained by the per-side figures
        for i in s.tokens.indices where Vocabulary.comparatives[s.w(i)] != nil || s.w(i) == "than" || Phrasings.versusWords.contains(s.w(i)) { s.use(i) }
        s.problems.removeAll { $0.contains(Self.danglingComparisonQuestion) }
        s.versus = (side, 0)
    }

    /// The filter whose values are the sides: an IN on a text column, or years of a date column.
    func sidesFilter(_ plan: QueryPlan) -> Int? {
        if let k = plan.filters.firstIndex(where: { $0.op == .isIn && $0.values.count == 2 }) { return k }
        return nil
    }

    /// The figure compared when the question names no aggregate: the column a comparative or a numeric mention
    /// names, else the table's one measure column.
    mutating func versusMeasure() -> Measure? {
        let avg = s.aggregateCues.contains { $0.cue == .avg } || s.looseAggregate == .avg
        var dir: Direction? = nil
        let pos = s.tokens.indices.first { Vocabulary.comparatives[s.w($0)] != nil } ?? 0
        // a measure the question names ("paid more" → salary) before what a comparative adjective points at
        if let m = s.q.columnMentions.indices.first(where: { s.roles[$0] == nil && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0)) }) {
            let c = s.column(m)
            s.setRole(m, .measure)
            return Measure(avg || c.isIntensive ? .avg : .sum, numericExpr(c))
        }
        if let (expr, c) = pairTarget(direction: &dir, near: pos), !isIdentifierLike(c) {
            return Measure(avg || c.isIntensive ? .avg : .sum, expr)
        }
        if s.countAt != nil { return .rowCount }
        if let c = soleMeasureColumn() { return Measure(avg || c.isIntensive ? .avg : .sum, numericExpr(c)) }
        return nil
    }

    /// Two date filters on one column: "1980 through 1983" is one range; "in 1983 than in 2006" / "1970 vs 2000"
    /// are two years, kept as alternatives.
    mutating func mergeDateEnds(_ plan: inout QueryPlan) {
        let ranges = plan.filters.indices.filter { plan.filters[$0].op == .range && plan.filters[$0].values.count == 2 }
        guard ranges.count == 2 else { return }
        let a = plan.filters[ranges[0]], b = plan.filters[ranges[1]]
        guard a.expr == b.expr, case .date(let startA) = a.values[0], case .date(let endB) = b.values[1], case .date(let startB) = b.values[0] else { return }
        let posA = s.filterAt.indices.contains(ranges[0]) ? s.filterAt[ranges[0]] : 0
        let posB = s.filterAt.indices.contains(ranges[1]) ? s.filterAt[ranges[1]] : posA
        let between = posA < posB ? Array((posA + 1)..<posB).map { s.w($0) } : []
        if between.contains(where: { Phrasings.rangeJoiners.contains($0) }) && startA < startB {
            plan.filters[ranges[0]] = PlanFilter(a.expr, .range, [.date(startA), .date(endB)], phrase: nil)
            plan.filters.remove(at: ranges[1])
            for i in (posA + 1)..<posB where Phrasings.rangeJoiners.contains(s.w(i)) { s.use(i) }
        } else if hasVersusCue || between.contains("and") || between.contains("or"), let col = a.expr.column,
            startA.count >= 4, startB.count >= 4, let ya = Int64(startA.prefix(4)), let yb = Int64(startB.prefix(4)),
            startA.hasSuffix("-01-01"), startB.hasSuffix("-01-01")
        {
            // two whole years
            plan.filters[ranges[0]] = PlanFilter(.datePart(col, .year), .isIn, [.integer(ya), .integer(yb)], phrase: "in \(ya) or \(yb)")
            plan.filters.remove(at: ranges[1])
        }
    }
}
