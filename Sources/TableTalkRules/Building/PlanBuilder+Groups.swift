import TableTalkCore

/// Conditions on groups and rankings inside groups: "which clarity grades have more than 10,000 diamonds"
/// (`HAVING count(*) > 10000`), "which years had average unemployment above 10000" (`HAVING avg(…) > 10000`),
/// "top 2 salaries in each discipline", "for each cut, which color has the highest average price".
extension PlanBuilder {
    /// True when the question asks which groups ("which X", "what X") rather than for a number.
    var asksForGroups: Bool {
        guard let q = s.questionWord, ["which", "what"].contains(q.word) else { return false }
        // "which clarity grades …", "which years …": the word after names a grouping column or a calendar unit
        if DateWords.units[s.w(q.pos + 1)] != nil { return true }
        guard let m = s.q.columnMention(at: q.pos + 1) else { return false }
        return !isNumericLike(s.column(m))
    }

    /// A noun that counts rows: the table's own name, a row word, a text column's name ("6 or more models"), or an
    /// unlinked plural noun ("at least 4 deaths").
    func isRowCountNoun(_ i: Int) -> Bool {
        guard let t = s.tok(i), t.kind == .word else { return false }
        if s.q.owners[i] == .table || Phrasings.rowWords.contains(t.word) { return true }
        if Units.unit(t.word) != nil || DateWords.units[t.word] != nil { return false }
        if let m = s.q.columnMention(at: i) { return !isNumericLike(s.column(m)) || isRowIdentifier(s.column(m)) }
        if s.q.owners[i] != nil || Vocabulary.stopwords.contains(t.word) { return false }
        return t.word.hasSuffix("s") && t.stem != t.word
    }

    /// Records a group condition for a comparison with a number when the question asks which groups qualify.
    /// Returns true when the comparison was taken.
    mutating func groupCondition(_ cmp: Comparator, value: Double, at i: Int, span: Range<Int>) -> Bool {
        guard asksForGroups, !s.tokens[i].isYear else { return false }
        let after = max(span.upperBound, i + 1)
        // "more than 10,000 diamonds", "at least 4 deaths", "6 or more models"
        let nounAt = [after, after + 1].first { isRowCountNoun($0) && ($0 == after || ["of", "the"].contains(s.w(after))) }
        if let n = nounAt {
            s.groupConditions.append((GroupCondition(.rowCount, cmp.op, [literal(value)]), i))
            if s.q.owners[n] == nil, s.rowNoun == nil { s.rowNoun = s.tokens[n].original }
            s.use(span)
            s.use(i..<(n + 1))
            if let m = s.q.columnMention(at: n) { s.setRole(m, .absorbed) }
            return true
        }
        // "more than 100,000 in total", "average unemployment above 10000"
        let totalAfter = (after..<min(s.tokens.count, after + 3)).first { Phrasings.totalWords.contains(s.w($0)) }
        let aggregateBefore = s.aggregateCues.last { $0.pos < span.lowerBound && span.lowerBound - $0.pos <= 4 }
        guard totalAfter != nil || aggregateBefore != nil else { return false }
        guard let m = s.nearestMention(to: i, maxDistance: 6, { s.roles[$0] == nil && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0)) }) else {
            guard let c = soleMeasureColumn() else { return false }
            return addMeasureCondition(c, cmp, value, i, span, totalAfter, aggregateBefore?.cue)
        }
        s.setRole(m, .filter)
        return addMeasureCondition(s.column(m), cmp, value, i, span, totalAfter, aggregateBefore?.cue)
    }

    private mutating func addMeasureCondition(_ c: ColumnProfile, _ cmp: Comparator, _ value: Double, _ i: Int, _ span: Range<Int>, _ totalAt: Int?, _ cue: AggregateCue?) -> Bool {
        let aggregate: Measure.Aggregate = cue?.aggregate ?? .sum
        s.groupConditions.append((GroupCondition(Measure(aggregate, numericExpr(c)), cmp.op, [literal(value)]), i))
        s.use(span)
        if let t = totalAt { s.use(t) ; if s.w(t - 1) == "in" { s.use(t - 1) } }
        if let k = s.aggregateCues.lastIndex(where: { $0.pos < span.lowerBound && span.lowerBound - $0.pos <= 4 }) {
            s.use(s.aggregateCues[k].pos)
            s.aggregateCues.remove(at: k)
        }
        return true
    }

    /// Turns an assembled list of groups into a grouped plan with the recorded conditions.
    mutating func applyGroupConditions(_ plan: inout QueryPlan) {
        guard !s.groupConditions.isEmpty else { return }
        let conditions = s.groupConditions.map(\.condition)
        if plan.dimensions.isEmpty {
            let keys = plan.columns.isEmpty ? groupKeyFromQuestion().map { [$0] } ?? [] : plan.columns
            guard !keys.isEmpty else {
                s.problems.append("a condition on groups, but no column to group by")
                return
            }
            plan.dimensions = keys.map { k in
                if case .column(let c) = k, let col = s.table.column(named: c), col.role.isTemporal { return .bucket(c, s.bucket ?? .year) }
                return k
            }
            plan.columns = []
            plan.distinct = false
            plan.measures = []
            plan.filters.removeAll { f in f.values.contains(.maximum) || f.values.contains(.minimum) }
        }
        for c in conditions where !plan.measures.contains(c.measure) { plan.measures.append(c.measure) }
        plan.groupConditions += conditions
        plan.order = []
        plan.limit = nil
        plan.focus = .dimension(0)
    }

    /// "which years …" over a date column: the year bucket.
    func groupKeyFromQuestion() -> PlanExpr? {
        guard let q = s.questionWord, let unit = DateWords.units[s.w(q.pos + 1)], let dc = dateColumn(near: q.pos) else { return nil }
        return .bucket(dc.name, unit)
    }

    /// "in each discipline", "for each cut", "per type": the column whose groups are ranked separately.
    mutating func eachPartition() -> (column: ColumnProfile, mention: Int)? {
        for i in s.tokens.indices where Phrasings.eachWords.contains(s.w(i)) {
            if let m = s.q.columnMention(at: i + 1) {
                s.use(i)
                if ["in", "for", "within", "of"].contains(s.w(i - 1)) { s.use(i - 1) }
                return (s.column(m), m)
            }
        }
        return nil
    }

    /// "top 2 salaries in each discipline", "heaviest model in each type", "for each cut, which color has the
    /// highest average price": the ranking runs inside every group of the partition column.
    mutating func applyPerGroup(_ plan: inout QueryPlan) {
        guard s.superlative != nil || s.limit != nil, !s.spread else { return }
        guard let (p, pm) = eachPartition() else { return }
        let partition = PlanExpr.column(p.name)
        // the ranked figure and its direction
        var target: PlanExpr?
        var descending = true
        var groupLevel = false
        if let o = plan.order.first {
            descending = o.descending
            switch o.key {
            case .measure(let i):
                let m = plan.measures[min(i, plan.measures.count - 1)]
                let named = !s.aggregateCues.isEmpty || s.mostFrequent || s.countAt != nil || m.expr == nil
                if named { groupLevel = true } else { target = m.expr }
            case .expr(let e): target = e
            }
        }
        if let f = plan.filters.first(where: { $0.values.contains(.maximum) || $0.values.contains(.minimum) }) {
            target = f.expr
            descending = f.values.contains(.maximum)
        }
        plan.filters.removeAll { f in f.values.contains(.maximum) || f.values.contains(.minimum) }
        let others = (plan.dimensions + plan.columns).filter { $0 != partition && $0 != target }
        if groupLevel {
            plan.dimensions = [partition] + others.filter { plan.dimensions.contains($0) || plan.columns.contains($0) }
            plan.columns = []
        } else {
            guard let target else { return }
            plan.dimensions = []
            plan.measures = []
            plan.columns = [partition] + others + [target]
            plan.order = [PlanOrder(.expr(target), descending: descending)]
            plan.filters.append(PlanFilter(target, .isNotNull))
            plan.distinct = false
        }
        s.setRole(pm, .dimension)
        plan.perGroup = GroupRanking(partition: [partition], limit: s.limit ?? 1)
        plan.limit = nil
        plan.focus = nil
    }
}
