import TableTalkCore

/// Puts the pieces together: rankings (superlatives, top-N), positions, shares, counts, aggregates and
/// lookups, in that order of precedence.
extension PlanBuilder {
    mutating func assemble() -> QueryPlan? {
        var plan = QueryPlan(table: s.table.name)
        plan.dimensions = dimensions()
        var measures = s.measureCues.map { cue -> Measure in
            let c = s.column(cue.mention)
            // "the total albums listed": text and dates are counted, not summed
            if [.sum, .avg, .median].contains(cue.cue.aggregate) && !isNumericLike(c) {
                let distinct = c.role == .text && !c.isUnique && s.filters.isEmpty
                return Measure(distinct ? .countDistinct : .count, .column(c.name))
            }
            return Measure(cue.cue.aggregate, measureExpr(c, cue.cue))
        }
        if measures.isEmpty, let derived = derivedMeasure() { measures = [derived] }
        let built: QueryPlan?
        if s.countAt != nil, let sup = s.superlative, s.limit == nil, !s.mostFrequent,
            let m = s.q.columnMentions.indices.first(where: { s.roles[$0] == nil && s.q.columnMentions[$0].start > sup.pos && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0)) })
        {
            // "how many drivers completed the most laps": the rows that tie for the extreme
            let t = s.column(m)
            s.setRole(m, .measure)
            plan.measures = [.rowCount]
            plan.filters.append(PlanFilter(numericExpr(t), .equals, [sup.direction == .up ? .maximum : .minimum]))
            built = plan
        } else if s.superlative != nil || s.limitDirection != nil || s.rankOrder != nil || s.rankColumn != nil {
            built = ranking(plan, measures)
        } else if s.position != nil && s.countAt == nil {
            built = positional(plan)
        } else if s.shareAt != nil {
            built = share(plan, measures)
        } else if s.countAt != nil {
            built = count(plan)
        } else if let m = s.perDenominator, let first = measures.first ?? s.freeMentions.first(where: { isNumericLike(s.column($0)) && s.q.columnMentions[$0].start < s.q.columnMentions[m].start }).map({ Measure(.sum, numericExpr(s.column($0))) }) {
            // "field goals per game played": a ratio of two quantities
            var numerator = first
            numerator.aggregate = .sum
            plan.measures = [numerator, Measure(.sum, numericExpr(s.column(m)))]
            plan.arithmetic = .ratio
            for f in s.freeMentions where isNumericLike(s.column(f)) && s.q.columnMentions[f].start < s.q.columnMentions[m].start { s.setRole(f, .measure) }
            built = plan
        } else if !measures.isEmpty {
            plan.measures = measures
            built = plan
        } else {
            built = lookup(plan)
        }
        guard var result = built else { return nil }
        result.filters = s.filters + result.filters
        barePredicates(&result)
        if s.pickOne && result.measures.isEmpty && result.limit == nil { result.limit = 1 }
        excludeSummaryRows(&result)
        return result
    }

    // MARK: pieces

    /// Leaves "Total" rows out of rankings, counts, aggregates and lists, unless the question names them.
    mutating func excludeSummaryRows(_ plan: inout QueryPlan) {
        for e in s.q.summaryRows.prefix(1) where !plan.filters.contains(where: { $0.expr == .column(e.column) && $0.values.contains(.text(e.stored)) }) {
            plan.filters.append(PlanFilter(.column(e.column), .notEquals, [.text(e.stored)], phrase: Self.totalRowPhrase))
        }
    }

    /// Group-by expressions from dimension mentions and bucket words.
    mutating func dimensions() -> [PlanExpr] {
        var dims: [PlanExpr] = []
        for m in s.q.columnMentions.indices where s.roles[m] == .dimension {
            let c = s.column(m)
            dims.append(c.role.isTemporal ? .bucket(c.name, s.bucket ?? .day) : .column(c.name))
        }
        let yearDim = dims.contains { d in d.column.flatMap { s.table.column(named: $0) }.map { $0.role == .year } ?? false }
        if let bucket = s.bucket, !(bucket == .year && yearDim), !dims.contains(where: { if case .bucket = $0 { return true } else { return false } }) {
            if let dc = dateColumn(near: 0) {
                dims.insert(.bucket(dc.name, bucket), at: 0)
                claimDateMentionRole(dc)
            } else if bucket == .year, let yc = yearColumn(near: 0) {
                dims.insert(.column(yc.name), at: 0)
            } else {
                s.problems.append("a \(bucket.noun)ly breakdown, but the table has no date column")
            }
        }
        return dims
    }

    mutating func claimDateMentionRole(_ c: ColumnProfile) {
        for m in s.freeMentions where s.column(m).name == c.name { s.setRole(m, .dimension) }
    }

    /// What an aggregate reads from a column.
    func measureExpr(_ c: ColumnProfile, _ cue: AggregateCue) -> PlanExpr { numericExpr(c) }

    /// "inventory value", "stock value", "revenue" with no such column: price × quantity.
    mutating func derivedMeasure() -> Measure? {
        let words: Set<String> = BuilderWords.derivedMeasureWords
        guard let i = s.tokens.indices.first(where: { words.contains(s.w($0)) && s.q.owners[$0] == nil }) else { return nil }
        let price = s.table.columns.first { $0.role == .number && $0.has(anyOf: BuilderWords.priceColumnWords) }
        let quantity = s.table.columns.first { $0.role == .number && $0.has(anyOf: BuilderWords.quantityColumnWords) }
        guard let price, let quantity else { return nil }
        s.use(i)
        for j in [i - 1, i + 1, i + 2] where BuilderWords.derivedMeasurePhraseWords.contains(s.w(j)) { s.use(j) }
        for m in s.freeMentions where [price.name, quantity.name].contains(s.column(m).name) { s.setRole(m, .absorbed) }
        return Measure(.sum, .product(price.name, quantity.name))
    }

    /// The answer column: a mention with the answer role, else what the question word implies.
    mutating func answerColumn(allowFree: Bool) -> ColumnProfile? {
        if let m = s.q.columnMentions.indices.first(where: { s.roles[$0] == .answer }) { return s.column(m) }
        if let c = s.impliedAnswer { return c }
        for (_, w) in s.extraQuestionWords {
            switch w {
            case "where": if let c = locationColumn() { return c }
            case "when": if let c = timeColumn() { return c }
            case "who": if let c = personColumn() { return c }
            default: break
            }
        }
        if allowFree, let m = s.freeMentions.first(where: { s.column($0).role == .text }) {
            s.setRole(m, .answer)
            return s.column(m)
        }
        return nil
    }


    /// Lookups and lists: "what is the population of X", "which schools have at least 40 finals".
    mutating func lookup(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        let freeNumeric = s.q.columnMentions.indices.filter {
            (s.roles[$0] == nil || s.roles[$0] == .answer) && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0))
        }
        if !plan.dimensions.isEmpty {
            // "sales by region": a quantity per group
            if let m = freeNumeric.first {
                let c = s.column(m)
                s.setRole(m, .measure)
                plan.measures = [Measure(c.isIntensive ? .avg : .sum, numericExpr(c))]
            } else {
                plan.measures = [.rowCount]
            }
            return plan
        }
        if var answer = answerColumn(allowFree: false) {
            // "employees with …" names the ID column; show what the rows are called instead
            if isRowIdentifier(answer), let label = labelColumn() { answer = label }
            let expr: PlanExpr = s.answerYear && answer.role.isTemporal ? .datePart(answer.name, .year) : .column(answer.name)
            plan.columns = [expr]
            if s.looseAggregate != nil, isNumericLike(answer) {
                plan.columns = []
                plan.measures = [Measure(s.looseAggregate!.aggregate, numericExpr(answer))]
            }
            if s.filters.isEmpty && !answer.isUnique { plan.distinct = true }
            return plan
        }
        let free = s.freeMentions
        if !free.isEmpty {
            for m in free.prefix(3) {
                var c = s.column(m)
                if isRowIdentifier(c), let label = labelColumn() { c = label }
                if !plan.columns.contains(.column(c.name)) { plan.columns.append(.column(c.name)) }
                s.setRole(m, .answer)
            }
            return plan
        }
        if !s.filters.isEmpty, let label = labelColumn() {
            // "products rated below 2.5" with no column asked: list what identifies the rows
            plan.columns = [.column(label.name)]
            s.confidence *= 0.8
            return plan
        }
        s.problems.append("no column of \(s.table.name) matches the question")
        return nil
    }

    /// Leftover quantity columns used as predicates: "still in stock" → stock > 0.
    mutating func barePredicates(_ plan: inout QueryPlan) {
        for m in s.freeMentions {
            let c = s.column(m)
            let cm = s.q.columnMentions[m]
            let verbs: Set<String> = BuilderWords.barePredicateLeaders
            guard c.role == .number, verbs.contains(s.w(cm.start - 1)) || s.w(cm.start) == "in" else { continue }
            let negated = s.negated(before: cm.start, distance: 3)
            plan.filters.append(PlanFilter(.column(c.name), negated ? .equals : .greater, [.integer(0)], phrase: negated ? "no \(c.label)" : "some \(c.label)"))
            s.setRole(m, .filter)
        }
    }
}
