import TableTalkCore

/// Two values of one column set against each other: "who had more votes, A or B" (compare) and
/// "how many more medals did A win than B" / "difference in area between A and B" (difference).
extension PlanBuilder {
    /// A pair of value mentions of the same column.
    struct ValuePair {
        var first: Int
        var second: Int
        var column: String
    }

    /// Finds two free value mentions of one column.
    func findPair(adjacentOnly: Bool) -> ValuePair? {
        let free = s.freeValues
        guard free.count >= 2 else { return nil }
        for (a, v1) in free.enumerated() {
            for v2 in free[(a + 1)...] {
                let c1 = Set(s.q.valueMentions[v1].columns)
                let shared = s.q.valueMentions[v2].columns.filter { c1.contains($0) }
                guard let col = shared.first else { continue }
                if adjacentOnly {
                    let between = (s.q.valueMentions[v1].end..<s.q.valueMentions[v2].start).map { s.w($0) }
                    let connectors: Set<String> = BuilderWords.pairConnectors
                    guard between.count <= 3, between.allSatisfy({ connectors.contains($0) }) else { continue }
                }
                return ValuePair(first: v1, second: v2, column: col)
            }
        }
        return nil
    }

    /// The numeric column a pair is compared on: a free numeric mention, else one an adjective points at.
    mutating func pairTarget(direction: inout Direction?, near pos: Int) -> (expr: PlanExpr, column: ColumnProfile)? {
        if let m = s.nearestMention(to: pos, maxDistance: 12, { s.roles[$0] == nil && (s.column($0).role.isNumeric || s.column($0).role.isTemporal) }) {
            s.setRole(m, .measure)
            let c = s.column(m)
            return (c.role.isTemporal ? .datePart(c.name, .year) : numericExpr(c), c)
        }
        for i in s.tokens.indices {
            guard let readings = Adjectives.readings(ofStem: s.tokens[i].stem), s.q.owners[i] == nil else { continue }
            if let (c, d) = columnForReadings(readings) {
                if let dir = direction, Vocabulary.comparatives[s.w(i)] != nil || Vocabulary.superlatives[s.w(i)] != nil || superlativeDirection(i) != nil {
                    direction = d == .up ? dir : dir.flipped
                } else {
                    direction = d
                }
                s.use(i)
                return (c.role.isTemporal ? .datePart(c.name, .year) : numericExpr(c), c)
            }
        }
        return nil
    }

    /// The first numeric or temporal column an adjective's concepts name, with the direction along it.
    func columnForReadings(_ readings: [Adjectives.Reading]) -> (ColumnProfile, Direction)? {
        // the column that fits most of the adjective's concepts ("coldest": temperature and min → temp_min)
        let scored = s.table.columns.filter { $0.role.isNumeric || $0.role.isTemporal }.map { c in
            (c, readings.filter { r in c.concepts.contains(r.concept) }.count)
        }
        if let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 2,
            let r = readings.first(where: { best.0.concepts.contains($0.concept) })
        {
            return (best.0, r.direction)
        }
        for r in readings {
            for c in s.table.columns where c.role.isNumeric || c.role.isTemporal {
                if c.concepts.contains(r.concept) || c.concepts.contains(where: { $0.count >= 4 && r.concept.count >= 4 && ($0.hasPrefix(r.concept) || r.concept.hasPrefix($0)) }) {
                    return (c, r.direction)
                }
            }
        }
        return nil
    }

    /// "is Brian Alderman from the United States or Brazil?": which of two values holds for the other filters.
    mutating func choice(_ pair: ValuePair) -> QueryPlan? {
        let a = s.q.valueMentions[pair.first]
        let b = s.q.valueMentions[pair.second]
        guard (a.end..<b.start).contains(where: { s.w($0) == "or" }) else { return nil }
        let otherValues = s.freeValues.filter { $0 != pair.first && $0 != pair.second }
        guard !otherValues.isEmpty || !s.filters.isEmpty else { return nil }
        var values = storedValues(pair.first, in: pair.column)
        values += storedValues(pair.second, in: pair.column).filter { !values.contains($0) }
        s.usedValues.formUnion([pair.first, pair.second])
        for k in a.end..<b.start where s.w(k) == "or" { s.use(k) }
        var plan = QueryPlan(table: s.table.name)
        plan.columns = [.column(pair.column)]
        plan.filters = [PlanFilter(.column(pair.column), .isIn, values.map { .text($0) })]
        plan.distinct = true
        plan.focus = .column(0)
        return plan
    }

    /// "how many more X did A have than B", "difference in X between A and B".
    mutating func buildDifference() -> QueryPlan? {
        let cue = s.differenceAt ?? s.find(anyOf: BuilderWords.differenceNouns) ?? s.find(anyOf: BuilderWords.minusWords)
        guard let cue, let pair = findPair(adjacentOnly: false) else { return nil }
        s.use(cue)
        var dir: Direction? = nil
        let target = pairTarget(direction: &dir, near: cue)
        let a = storedValues(pair.first, in: pair.column)
        let b = storedValues(pair.second, in: pair.column)
        s.usedValues.formUnion([pair.first, pair.second])
        absorbColumnMention(of: pair.column, near: s.q.valueMentions[pair.first].start, end: s.q.valueMentions[pair.first].end)
        let condA = [PlanFilter(.column(pair.column), a.count == 1 ? .equals : .isIn, a.map { .text($0) })]
        let condB = [PlanFilter(.column(pair.column), b.count == 1 ? .equals : .isIn, b.map { .text($0) })]
        var plan = QueryPlan(table: s.table.name)
        if let target {
            let agg: Measure.Aggregate = target.column.isIntensive ? .avg : .sum
            plan.measures = [Measure(agg, target.expr, condition: condA), Measure(agg, target.expr, condition: condB)]
        } else {
            plan.measures = [Measure(.count, condition: condA), Measure(.count, condition: condB)]
        }
        let fewer = s.differenceAt.map { BuilderWords.fewerWords.contains(s.w($0 + 2)) } ?? false
        let absolute = s.find(anyOf: BuilderWords.differenceNouns) != nil || s.find("between") != nil || fewer
        plan.arithmetic = absolute ? .absoluteDifference : .difference
        if dir == .down && !absolute { plan.arithmetic = .absoluteDifference }
        for w in BuilderWords.differenceJoiners { if let p = s.find(w) { s.use(p) } }
        return plan
    }

    /// "who had more votes, A or B", "which is larger, A or B", "who won more between A and B".
    mutating func buildComparison() -> QueryPlan? {
        let comparativeAt = s.tokens.indices.first { Vocabulary.comparatives[s.w($0)] != nil && s.w($0 + 1) != "than" }
        guard let pair = findPair(adjacentOnly: true) else { return nil }
        let sup = s.superlative
        guard comparativeAt != nil || sup != nil else { return choice(pair) }
        let pos = comparativeAt ?? sup!.pos
        var dir: Direction? = comparativeAt.map { Vocabulary.comparatives[s.w($0)]! } ?? sup!.direction
        if let c = comparativeAt { s.use(c) }
        let word = s.w(pos)
        let target = pairTarget(direction: &dir, near: pos)
        var values = storedValues(pair.first, in: pair.column)
        values += storedValues(pair.second, in: pair.column).filter { !values.contains($0) }
        s.usedValues.formUnion([pair.first, pair.second])
        var plan = QueryPlan(table: s.table.name)
        plan.dimensions = [.column(pair.column)]
        plan.filters = [PlanFilter(.column(pair.column), .isIn, values.map { .text($0) })]
        if let target {
            plan.measures = [Measure(target.column.isIntensive ? .avg : .sum, target.expr)]
            if BuilderWords.qualityWords.contains(word) && target.column.lowerIsBetter { dir = dir?.flipped }
        } else if ["more", "less", "fewer", "most", "least", "fewest"].contains(word) {
            plan.measures = [.rowCount]  // "who won more games, Scotland or Wales": rows per value
        } else {
            s.problems.append("“\(word)” — by which column?")
            return nil
        }
        plan.order = [PlanOrder(.measure(0), descending: (dir ?? .up) == .up)]
        plan.limit = 1
        plan.focus = .dimension(0)
        for w in ["or", "and", "between"] { if let p = s.find(w) { s.use(p) } }
        return plan
    }
}
