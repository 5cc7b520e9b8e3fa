import TableTalkCore

/// What a row-level answer shows: every column the question lists ("the carat, cut and color of the most
/// expensive diamond"), a person as first and last name, and no made-up attribute of one named row.
extension PlanBuilder {
    /// Adds the columns the question names but no construct used to a row-level answer (a top row, a list).
    mutating func applyListedAnswers(_ plan: inout QueryPlan) {
        guard !plan.isAggregate, plan.perGroup == nil, !plan.columns.isEmpty else { return }
        // the column that answers stays the answer (lists and values print it)
        let answer = plan.columns[min(max(0, plan.focusIndex - plan.dimensions.count), plan.columns.count - 1)]
        defer { if let k = plan.columns.firstIndex(of: answer) { plan.focus = .column(k) } }
        var listed: [PlanExpr] = []
        let shown = Set(plan.columns.compactMap(\.column))
        let mentions = s.q.columnMentions
        // mentions joined to a shown column by "," or "and" ("the carat, cut and color"), or asked by a later
        // question word ("… and what neighborhood")
        var inList = Set(mentions.indices.filter { shown.contains(s.column($0).name) })
        var grew = true
        while grew {
            grew = false
            for m in mentions.indices where !inList.contains(m) && (s.roles[m] == nil || s.roles[m] == .answer) {
                let joined = inList.contains { k in
                    let (a, b) = mentions[k].end <= mentions[m].start ? (mentions[k].end, mentions[m].start) : (mentions[m].end, mentions[k].start)
                    return a <= b && b - a <= 2 && (a..<b).allSatisfy { [",", "and"].contains(s.w($0)) || s.tokens[$0].kind == .symbol }
                }
                let asked = ["what", "which"].contains(s.w(mentions[m].start - 1)) && s.w(mentions[m].start - 2) == "and"
                if joined || asked {
                    inList.insert(m)
                    grew = true
                }
            }
        }
        for m in inList.sorted() {
            let c = s.column(m)
            let e = PlanExpr.column(c.name)
            guard !shown.contains(c.name), !listed.contains(e), !hasFilter(on: c.name), !isRowIdentifier(c) else { continue }
            listed.append(e)
            s.setRole(m, .answer)
        }
        // a person is named by first and last name
        func named(_ name: String, _ words: Set<String>) -> Bool { words.contains { name.lowercased().contains($0) } }
        if let first = plan.columns.compactMap(\.column).first(where: { named($0, BuilderWords.givenNameWords) }),
            let last = s.table.columns.first(where: { named($0.name, BuilderWords.familyNameWords) && $0.has(anyOf: BuilderWords.nameNouns) }),
            s.table.column(named: first)?.has(anyOf: BuilderWords.nameNouns) == true, !plan.columns.contains(.column(last.name))
        {
            let at = (plan.columns.firstIndex(of: .column(first)) ?? 0) + 1
            plan.columns.insert(.column(last.name), at: at)
        }
        guard !listed.isEmpty else { return }
        // listed columns go before the figure that ranked the rows
        let rankedIndex = plan.columns.lastIndex { e in plan.order.contains { $0.key == .expr(e) } } ?? plan.columns.count
        plan.columns.insert(contentsOf: listed, at: rankedIndex)
        plan.distinct = false
    }

    /// Answers that cannot be what was asked: "the combined score" of a text column counted instead of added,
    /// "her best year" answered without a year, "which single had the most" answered by a bare number.
    mutating func checkAnswerShape(_ plan: QueryPlan?) {
        guard let plan else { return }
        // an adding or averaging word over text: counting the cells is not what it asks
        if plan.measures.contains(where: { m in
            [.count, .countDistinct].contains(m.aggregate) && m.expr.flatMap(\.column).flatMap { s.table.column(named: $0) }.map { !isNumericLike($0) } == true
        }), let cue = s.aggregateCues.first(where: { [.sum, .avg, .median].contains($0.cue) && !BuilderWords.totalWords.contains(s.w($0.pos)) && s.w($0.pos) != "how" }) {
            s.problems.append("“\(s.tokens[cue.pos].original)” needs numbers, and the column holds text")
        }
        // "her best year": a calendar unit after a superlative is what must be answered
        if let sup = s.superlative, let unit = DateWords.units[s.w(sup.pos + 1)], unit == .year,
            !(plan.dimensions + plan.columns).contains(where: { e in
                if case .bucket = e { return true }
                if case .datePart = e { return true }
                return e.column.flatMap { s.table.column(named: $0) }.map { $0.role == .year || $0.role.isTemporal || $0.has(anyOf: BuilderWords.yearNouns) } ?? false
            })
        {
            s.problems.append("“\(s.w(sup.pos)) \(s.w(sup.pos + 1))” — the answer has no \(s.w(sup.pos + 1))")
        }
        // "which single had the most …" answered by one number: the noun names no column
        if plan.isScalar, !plan.measures.contains(where: { $0.percentOfTotal }), let q = s.questionWord, q.word == "which",
            let next = s.tok(q.pos + 1), next.kind == .word, !Vocabulary.stopwords.contains(next.word),
            s.q.owners[q.pos + 1] == nil || s.q.columnMention(at: q.pos + 1).map({ isNumericLike(s.column($0)) }) == true,
            DateWords.units[next.word] == nil
        {
            s.problems.append("“\(next.original)” — no column of \(s.table.name) names them")
        }
    }

    /// "what colors does the honda accord come in": the noun after "what" names no column, and the filters pin
    /// one row, so the answer would be that row's label, not what was asked.
    mutating func checkLabelNoun(_ plan: QueryPlan) {
        guard let at = s.labelNounAt, !plan.isAggregate, plan.order.isEmpty, plan.limit == nil,
            !plan.filters.contains(where: { $0.values.contains(.maximum) || $0.values.contains(.minimum) })
        else { return }
        let pinsOneRow = plan.filters.contains { f in
            f.op == .equals && (f.expr.column.flatMap { s.table.column(named: $0) }?.isUnique ?? false)
        }
        if pinsOneRow { s.problems.append("“\(s.tokens[at].original)” is not a column of \(s.table.name)") }
    }
}
