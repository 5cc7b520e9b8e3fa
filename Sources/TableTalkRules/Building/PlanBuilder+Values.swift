import TableTalkCore

/// Value filters ("at Hillcrest", "for Canada or Mexico", "not Oslo") and predicates on columns
/// ("get free lunch", "without free lunch", "missing precipitation", "out of stock").
extension PlanBuilder {
    /// The column a value mention is read in: one named next to it, else the first that holds it.
    func valueColumn(_ v: Int) -> String {
        let vm = s.q.valueMentions[v]
        let cols = vm.columns
        if cols.count > 1 {
            for m in s.q.columnMentions.indices {
                let cm = s.q.columnMentions[m]
                let near = abs(cm.end - vm.start) <= 2 || abs(vm.end - cm.start) <= 2
                if near, let hit = cm.candidates.first(where: { cols.contains($0.column.name) }) { return hit.column.name }
            }
            // prefer text columns in table order
            let order = s.table.columns.map(\.name)
            return cols.min { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }!
        }
        return cols[0]
    }

    /// Stored values of a mention in one column.
    func storedValues(_ v: Int, in column: String) -> [String] {
        var seen: Set<String> = []
        return s.q.valueMentions[v].hits.filter { $0.column == column && seen.insert($0.stored).inserted }.map(\.stored)
    }

    mutating func parseValues() {
        var byColumn: [(column: String, values: [String], negated: Bool, at: Int)] = []
        var previous: (column: String, end: Int, negated: Bool)?
        let others = ["other", "another", "else"].contains { s.find($0) != nil } && s.find("other than") == nil
        for v in s.freeValues {
            let vm = s.q.valueMentions[v]
            let col = valueColumn(v)
            let values = storedValues(v, in: col)
            var negated = s.negated(before: vm.start, distance: 3)
            if !negated, let n = s.negations.filter({ $0 < vm.start && vm.start - $0 <= 7 }).max(), ["not", "no", "never"].contains(s.w(n)),
                s.q.columnMentions.contains(where: { cm in cm.start > n && cm.end <= vm.start && cm.candidates.contains { $0.column.name == col } })
            {
                negated = true  // "do not have kits manufactured by Nike"
            }
            // "not Belgium, Germany or the Netherlands": a list continues the negation
            if let p = previous, p.column == col, p.negated, vm.start >= p.end,
                (p.end..<vm.start).allSatisfy({ [",", "or", "and", "nor", "the"].contains(s.w($0)) || s.tokens[$0].kind == .symbol })
            {
                negated = true
            }
            // "Paul Sievert and what other competitor …": the named one is left out
            if others, let c = s.table.column(named: col), c.isUnique || isPersonColumn(c) { negated = true }
            previous = (col, vm.end, negated)
            if vm.columns.count > 1 {
                let others = vm.columns.filter { $0 != col }.map { s.table.column(named: $0)?.label ?? $0 }
                s.alternatives.append("“\(values.first ?? "")” is read as \(s.table.column(named: col)?.label ?? col); it also appears in \(others.joined(separator: ", ")).")
                s.confidence *= 0.95
            }
            if vm.partial && values.count > 1 { s.confidence *= 0.9 }
            if vm.partial { s.confidence *= 0.97 }
            s.usedValues.insert(v)
            absorbColumnMention(of: col, near: vm.start, end: vm.end)
            if let k = byColumn.firstIndex(where: { $0.column == col && $0.negated == negated }) {
                byColumn[k].values += values
            } else {
                byColumn.append((col, values, negated, vm.start))
            }
        }
        for f in byColumn {
            let values = f.values.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let op: PlanFilter.Operator = values.count == 1 ? (f.negated ? .notEquals : .equals) : (f.negated ? .notIn : .isIn)
            s.addFilter(PlanFilter(.column(f.column), op, values.map { .text($0) }), at: f.at)
        }
    }

    /// A column mention right next to a value of that column ("school Hillcrest", "the Oslo station") is part
    /// of the filter, unless it asks for that column.
    mutating func absorbColumnMention(of column: String, near start: Int, end: Int) {
        for m in s.q.columnMentions.indices where s.roles[m] == nil {
            let cm = s.q.columnMentions[m]
            guard cm.candidates.contains(where: { $0.column.name == column }) else { continue }
            let adjacent = (cm.end <= start && start - cm.end <= 1) || (cm.start >= end && cm.start - end <= 1)
            let asked = s.questionWord.map { $0.pos < cm.start && cm.start - $0.pos <= 2 } ?? false
            if adjacent && !asked && !s.groupAt.contains(cm.start - 1) { s.setRole(m, .absorbed, column: column) }
        }
    }

    /// Boolean columns as predicates, missing values, "out of X".
    mutating func parsePredicates() {
        for m in s.freeMentions {
            let cm = s.q.columnMentions[m]
            let c = s.column(m)
            // "missing a brain weight": an article does not separate the predicate from its column
            let before = ["a", "an", "the", "any"].contains(s.w(cm.start - 1)) ? s.w(cm.start - 2) : s.w(cm.start - 1)
            let after = s.w(cm.end)
            if s.groupAt.contains(cm.start - 1) { continue }
            let missing = BuilderWords.missingWords.contains(before)
                || BuilderWords.missingAfterWords.contains(after)
                || (["is", "are", "was", "were"].contains(after) && BuilderWords.missingAfterWords.contains(s.w(cm.end + 1)))
            if missing && c.role != .boolean {
                s.addFilter(PlanFilter(.column(c.name), .isNull, phrase: "\(c.label) is missing"), at: cm.start)
                s.setRole(m, .filter)
                markUsed(around: cm, words: BuilderWords.missingPhraseWords)
                continue
            }
            if c.role == .boolean || c.role == .booleanText, let truthy = c.truthy, let falsy = c.falsy {
                // a boolean column named as the thing asked about ("by free lunch") is not a predicate
                if s.questionWord.map({ $0.pos < cm.start && cm.start - $0.pos <= 1 }) ?? false { continue }
                let negated = s.negated(before: cm.start, distance: 3)
                let value = negated ? falsy : truthy
                s.addFilter(PlanFilter(.column(c.name), .equals, [value.planValue], phrase: negated ? "not \(c.label.lowercased())" : c.label.lowercased()), at: cm.start)
                s.setRole(m, .filter)
                continue
            }
            // "no TV coverage", "did not have an English air date"
            let valueFollows = s.q.valueMentions.contains { v in v.start >= cm.end && v.start - cm.end <= 3 && v.columns.contains(c.name) }
            if !valueFollows, let n = s.negations.filter({ $0 < cm.start && cm.start - $0 <= 4 }).max(), ["no", "without", "not", "never"].contains(s.w(n)),
                ((n + 1)..<cm.start).allSatisfy({ BuilderWords.negatedHaveWords.contains(s.w($0)) })
            {
                if c.role == .text, let none = c.info.distinctValues?.first(where: { Phrasings.noneValues.contains(TextNormalizer.fold($0)) }) {
                    // "no airbags" where the column says "None"
                    s.addFilter(PlanFilter(.column(c.name), .equals, [.text(none)], phrase: "no \(c.label)"), at: cm.start)
                } else if c.role == .text || c.role == .numericText || c.role == .duration || c.role.isTemporal {
                    s.addFilter(PlanFilter(.column(c.name), .isNull, phrase: "no \(c.label)"), at: cm.start)
                } else if c.role == .number {
                    s.addFilter(PlanFilter(.column(c.name), .equals, [.integer(0)], phrase: "no \(c.label)"), at: cm.start)
                } else {
                    continue
                }
                s.setRole(m, .filter)
                s.use(n..<cm.start)
                continue
            }
            if c.role.isNumeric && (before == "out" || s.at(cm.start - 2, "out of")) {
                s.addFilter(PlanFilter(numericExpr(c), .equals, [.integer(0)], phrase: "out of \(c.label)"), at: cm.start)
                s.setRole(m, .filter)
                s.use(max(0, cm.start - 2)..<cm.start)
                continue
            }
        }
    }

    private mutating func markUsed(around cm: ColumnMention, words: Set<String>) {
        for i in [cm.start - 1, cm.end, cm.end + 1] where words.contains(s.w(i)) { s.use(i) }
    }
}
