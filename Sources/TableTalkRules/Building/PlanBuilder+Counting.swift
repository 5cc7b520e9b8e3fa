import TableTalkCore

/// Positions, shares and counts: "the first …", "the one after X", "what share of …", "how many …".
extension PlanBuilder {
    /// "the first …", "the last …", "the one after X", "previous to X".
    mutating func positional(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        guard let position = s.position else { return nil }
        var entity = answerColumn(allowFree: true)
        switch position {
        case .after(let col, let value), .before(let col, let value):
            if entity == nil { entity = s.table.column(named: col) }
            let after: Bool
            if case .after = position { after = true } else { after = false }
            plan.filters.append(PlanFilter(.rowPosition, after ? .greater : .less, [.positionOf(column: col, value: value)], phrase: "\(after ? "after" : "before") \(value)"))
            plan.order = [PlanOrder(.expr(.rowPosition), descending: !after)]
        case .first, .last:
            if entity == nil { entity = labelColumn() }
            var isFirst = false
            if case .first = position { isFirst = true }
            let aboutList = BuilderWords.tableNouns.contains { s.find($0) != nil }
            if (entity?.role.isTemporal == true || entity?.role == .year) && !aboutList {
                // "the first year", "the date of the last fight": the earliest or latest value itself
                plan.order = [PlanOrder(.expr(.column(entity!.name)), descending: !isFirst), PlanOrder(.expr(.rowPosition), descending: !isFirst)]
            } else if let time = chronologyColumn() {
                plan.order = [PlanOrder(.expr(.column(time.name)), descending: !isFirst), PlanOrder(.expr(.rowPosition), descending: !isFirst)]
                plan.filters.append(PlanFilter(.column(time.name), .isNotNull))
            } else {
                plan.order = [PlanOrder(.expr(.rowPosition), descending: !isFirst)]
            }
        }
        guard let entity else { return nil }
        let expr: PlanExpr = s.answerYear && entity.role.isTemporal ? .datePart(entity.name, .year) : .column(entity.name)
        plan.columns = [expr]
        plan.filters.append(PlanFilter(.column(entity.name), .isNotNull))
        plan.limit = s.limit ?? 1
        plan.focus = .column(0)
        return plan
    }

    /// "what share of students get free lunch", "percentage of sales by region".
    mutating func share(_ base: QueryPlan, _ measures: [Measure]) -> QueryPlan? {
        var plan = base
        guard let at = s.shareAt else { return nil }
        var m = measures.first ?? .rowCount
        // "what share of revenue …": the measure after the share word, even where "what" took it as the answer
        if measures.isEmpty, let free = s.q.columnMentions.indices.first(where: { (s.roles[$0] == nil || s.roles[$0] == .answer) && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0)) && s.q.columnMentions[$0].start > at }) {
            m = Measure(.sum, numericExpr(s.column(free)))
            s.setRole(free, .measure)
        }
        // filters after the verb are the part; those before it the whole
        let verbs: Set<String> = BuilderWords.shareVerbs
        let verb = ((at + 1)..<s.tokens.count).first { verbs.contains(s.w($0)) }
        var part: [PlanFilter] = []
        var whole: [PlanFilter] = []
        for (f, pos) in zip(s.filters, s.filterAt) {
            if let verb, pos < verb { whole.append(f) } else { part.append(f) }
        }
        if part.isEmpty && !whole.isEmpty && plan.dimensions.isEmpty {
            part = [whole.removeLast()]
        }
        s.filters = whole
        m.condition = part
        m.percentOfTotal = true
        plan.measures = [m]
        return plan
    }

    /// "how many …": rows, distinct values, or the sum of a quantity ("how many goals did X score").
    mutating func count(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        let at = s.countAt ?? 0
        if s.unitAsked != nil, let c = soleMeasureColumn() {
            plan.measures = [Measure(.sum, numericExpr(c))]
            return plan
        }
        if let unit = s.countBucket, let dc = dateColumn(near: at) {
            // "how many years of data", "in how many months …": distinct calendar buckets
            plan.measures = [Measure(.countDistinct, .bucket(dc.name, unit))]
            return plan
        }
        let subject = s.freeMentions.first { s.q.columnMentions[$0].start > at && s.q.columnMentions[$0].start - at <= 4 }
        if let m = subject {
            let c = s.column(m)
            if (c.role == .number || c.role == .numericText) && !isIdentifierLike(c) {
                // "how many goals did Arsenal score": a quantity, not a number of rows
                s.setRole(m, .measure)
                plan.measures = [Measure(.sum, numericExpr(c))]
                return plan
            }
            if c.role == .text && (s.countDistinct || (!c.isUnique && c.info.distinctCount != nil && s.filters.isEmpty)) {
                s.setRole(m, .measure)
                plan.measures = [Measure(.countDistinct, .column(c.name))]
                return plan
            }
            s.setRole(m, .absorbed)
        } else if let noun = s.tok(at + 2).map({ _ in at + 2 }).flatMap({ s.w($0) == "the" ? $0 + 1 : $0 }), let t = s.tok(noun),
            t.kind == .word, s.q.owners[noun] == nil, !s.used[noun], !Vocabulary.stopwords.contains(t.word),
            BuilderWords.totalQuantityVerbs.contains(s.w(noun + 1)),
            (noun + 2...noun + 4).contains(where: { s.q.valueMention(at: $0) != nil }),
            let total = s.table.columns.first(where: { $0.role.isNumeric && $0.has(anyOf: BuilderWords.totalWords) })
        {
            // "how many medals did Japan win" over a table with a Total column
            s.use(noun)
            s.confidence *= 0.85
            plan.measures = [Measure(.sum, numericExpr(total))]
            return plan
        }
        plan.measures = [.rowCount]
        // counting the rows of one named row ("how many towers does X have") is almost surely a missed column
        if s.filters.contains(where: { f in
            f.op == .equals && f.values.count == 1 && f.expr.column.flatMap { s.table.column(named: $0) }.map { $0.isUnique && $0.role == .text } == true
        }) {
            s.problems.append("counting the rows of one named row gives 1 — which of its values did you mean?")
        }
        // "how many germans finished in the top five": a place within the top N
        if let n = s.limit {
            if let rank = s.table.columns.first(where: { $0.lowerIsBetter && isNumericLike($0) }) {
                plan.filters.append(PlanFilter(numericExpr(rank), .lessOrEqual, [.integer(Int64(n))], phrase: "in the top \(n)"))
            } else {
                s.problems.append("“top \(n)” — by which column?")
            }
        }
        if case .first = s.position {
            // "how many times did he place first": first place in a rank column, if there is one
            if let rank = s.table.columns.first(where: { $0.lowerIsBetter && isNumericLike($0) }) {
                plan.filters.append(PlanFilter(numericExpr(rank), .equals, [.integer(1)]))
            } else {
                s.problems.append("“first” — first by which column?")
            }
        } else if case .last = s.position {
            s.problems.append("“last” — last by which column?")
        }
        if let position = s.position {
            // "how many teams are ranked above X"
            switch position {
            case .after(let col, let value): plan.filters.append(PlanFilter(.rowPosition, .greater, [.positionOf(column: col, value: value)], phrase: "after \(value)"))
            case .before(let col, let value): plan.filters.append(PlanFilter(.rowPosition, .less, [.positionOf(column: col, value: value)], phrase: "before \(value)"))
            default: break
            }
        }
        return plan
    }

    /// Columns that only name rows (an ID, "No.", "#"): never ranked, compared or shown as the answer's value.
    func isRowIdentifier(_ c: ColumnProfile) -> Bool {
        if c.has(anyOf: BuilderWords.identifierNouns) { return true }
        return c.concepts.count == 1 && Self.numberConcepts.contains(c.concepts[0])
    }

    /// Concepts of the nouns that name a running number column on their own ("No.", "Number").
    private static let numberConcepts = Set(BuilderWords.numberNouns.map(Concept.key))

    /// Numbers that identify rows rather than measure them (No., #, rank, pick, game 1…n): not summed.
    func isIdentifierLike(_ c: ColumnProfile) -> Bool {
        // "No.", "#", "Student ID", "Track number" identify rows; "# Albums", "Number of seats" count things
        if c.has(anyOf: BuilderWords.identifierNouns) || c.role == .year || (c.lowerIsBetter && c.concepts.count <= 2) || c.has(anyOf: BuilderWords.draftPickNouns) { return true }
        if c.concepts.count <= 2 && c.has(anyOf: BuilderWords.yearColumnWords) { return true }
        if let i = c.concepts.firstIndex(where: Self.numberConcepts.contains) {
            if c.concepts.count == 1 { return true }
            if i > 0 { return true }
        }
        return c.isUnique && c.info.type == .integer && c.has(anyOf: BuilderWords.sequenceNouns)
    }

    func hasFilter(on column: String) -> Bool { s.filters.contains { $0.expr.column == column } }
}
