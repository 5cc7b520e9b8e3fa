import TableTalkCore

/// Spreads: "price difference between the most expensive and the cheapest diamond", "age gap between the oldest
/// and youngest", "longest minus shortest", "how much heavier is the heaviest … than the lightest": max − min.
extension PlanBuilder {
    /// Superlative positions with their direction ("most expensive" counts at "most").
    func superlativePositions() -> [(pos: Int, direction: Direction, readings: [Adjectives.Reading])] {
        var out: [(Int, Direction, [Adjectives.Reading])] = []
        var i = 0
        while i < s.tokens.count {
            defer { i += 1 }
            if case .value = s.q.owners[i] { continue }
            let word = s.w(i)
            if (word == "most" || word == "least"), let t = s.tok(i + 1), let r = Adjectives.readings(ofStem: t.stem) {
                let dir: Direction = word == "most" ? .up : .down
                out.append((i, dir, r.map { Adjectives.Reading(concept: $0.concept, direction: dir == .up ? $0.direction : $0.direction.flipped) }))
                i += 1
                continue
            }
            if let d = Vocabulary.superlatives[word], !(["most", "least"].contains(word) || BuilderWords.limitEndWords.contains(word)) {
                out.append((i, d, Adjectives.readings(ofStem: s.tokens[i].stem) ?? []))
            } else if let d = superlativeDirection(i) {
                out.append((i, d, Adjectives.readings(ofStem: s.tokens[i].stem) ?? []))
            }
        }
        return out
    }

    /// max − min of one column when the question names two opposite extremes (or a spread word alone: "how much
    /// does X vary").
    mutating func buildSpread() -> QueryPlan? {
        let sups = superlativePositions()
        let spreadAt = s.tokens.indices.first { Phrasings.spreadWords.contains(s.w($0)) && s.q.owners[$0] == nil }
        let up = sups.first { $0.direction == .up }
        let down = sups.first { $0.direction == .down }
        guard (up != nil && down != nil) || (spreadAt != nil && sups.isEmpty && s.freeValues.count < 2) else { return nil }
        // what is measured: a numeric mention, else the column the adjectives name
        var target: ColumnProfile?
        let anchor = spreadAt ?? up?.pos ?? 0
        if let m = s.nearestMention(to: anchor, maxDistance: 12, { s.roles[$0] == nil && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0)) }) {
            target = s.column(m)
            s.setRole(m, .measure)
        } else {
            for sup in [up, down].compactMap({ $0 }) where target == nil {
                if let (c, _) = columnForReadings(sup.readings) { target = c }
            }
        }
        if target == nil, let only = soleMeasureColumn() { target = only }
        guard let target else { return nil }
        // "salary gap between the oldest and the youngest": the extremes are of another column, not a spread
        for sup in [up, down].compactMap({ $0 }) where !sup.readings.isEmpty {
            if let (c, _) = columnForReadings(sup.readings), c.name != target.name { return nil }
        }
        for sup in [up, down].compactMap({ $0 }) {
            s.use(sup.pos)
            if ["most", "least"].contains(s.w(sup.pos)) { s.use(sup.pos + 1) }
        }
        if let spreadAt { s.use(spreadAt) }
        for i in s.tokens.indices where (["between", "and", "than", "much", "how", "one", "ones"].contains(s.w(i)) || BuilderWords.minusWords.contains(s.w(i))) && s.q.owners[i] == nil { s.use(i) }
        // "how much heavier": the comparative restates the spread
        for i in s.tokens.indices where Vocabulary.comparatives[s.w(i)] != nil && s.q.owners[i] == nil { s.use(i) }
        var plan = QueryPlan(table: s.table.name)
        let expr = numericExpr(target)
        plan.measures = [Measure(.max, expr), Measure(.min, expr)]
        plan.arithmetic = .difference
        s.spread = true
        return plan
    }

    /// The table's one numeric column that measures something (not an identifier or a year), if there is exactly one.
    func soleMeasureColumn() -> ColumnProfile? {
        let numeric = s.table.columns.filter { isNumericLike($0) && !isIdentifierLike($0) && $0.role != .year }
        return numeric.count == 1 ? numeric[0] : nil
    }
}
