import TableTalkCore

/// Comparisons with another row: "athletes faster than Beth Heiden", "teams with more wins than Spain",
/// "the nation with the same number of gold medals as Colombia".
extension PlanBuilder {
    mutating func parseRelativeComparisons() {
        for v in s.freeValues {
            let vm = s.q.valueMentions[v]
            var p = vm.start - 1
            while p >= 0 && ["the", "that", "of", "did", "does", "do", "had", "has"].contains(s.w(p)) && vm.start - p <= 2 { p -= 1 }
            let word = s.w(p)
            let same = word == "as" && s.find("same") != nil
            guard word == "than" || same, s.differenceAt == nil else { continue }
            // "female victims older than the male victims": two sides of one column are a comparison of groups
            let key0 = valueColumn(v)
            if word == "than", s.freeValues.contains(where: { $0 != v && s.q.valueMentions[$0].end <= p && valueColumn($0) == key0 }) { continue }
            var dir: Direction = .up
            var compPos: Int?
            if word == "than" {
                for k in stride(from: p - 1, through: max(0, p - 7), by: -1) {
                    if let d = Vocabulary.comparatives[s.w(k)] {
                        dir = d
                        compPos = k
                        break
                    }
                }
                guard compPos != nil else { continue }
            } else {
                compPos = s.find("same")
            }
            guard let cp = compPos else { continue }
            // what is compared: a numeric column between the comparative and the value, else the adjective's concept
            var expr: PlanExpr?
            if same, let m = s.q.columnMentions.indices.first(where: { m in
                s.roles[m] == nil && s.q.columnMentions[m].start > cp && s.q.columnMentions[m].start < p
            }) {
                // "in the same city as X": any column
                let c = s.column(m)
                expr = isNumericLike(c) ? numericExpr(c) : .column(c.name)
                s.setRole(m, .filter)
            } else if let m = s.q.columnMentions.indices.first(where: { m in
                s.roles[m] == nil && isNumericLike(s.column(m)) && s.q.columnMentions[m].start > cp - 3 && s.q.columnMentions[m].start < p
            }) {
                let c = s.column(m)
                expr = numericExpr(c)
                if c.lowerIsBetter && BuilderWords.qualityWords.contains(s.w(cp)) { dir = dir.flipped }
                s.setRole(m, .filter)
            } else if let readings = Adjectives.readings(ofStem: s.tokens[cp].stem), let (c, d) = columnForReadings(readings) {
                expr = c.role.isTemporal ? .column(c.name) : numericExpr(c)
                dir = d
            }
            guard let expr else { continue }
            let key = valueColumn(v)
            let stored = storedValues(v, in: key).first ?? ""
            let op: PlanFilter.Operator = same ? .equals : (dir == .up ? .greater : .less)
            s.addFilter(PlanFilter(expr, op, [.valueAt(keyColumn: key, key: stored)]), at: cp)
            s.addFilter(PlanFilter(.column(key), .notEquals, [.text(stored)]), at: cp)
            s.usedValues.insert(v)
            s.use(cp)
            s.use(p)
            return
        }
    }

    /// A comparative word nobody used ("which team scored more goals?" with nothing to compare with).
    func danglingComparative() -> String? {
        for i in s.tokens.indices where !s.used[i] && s.q.owners[i] == nil {
            let w = s.w(i)
            if Vocabulary.comparatives[w] != nil && !BuilderWords.timeComparatives.contains(w) { return w }
        }
        return nil
    }
}
