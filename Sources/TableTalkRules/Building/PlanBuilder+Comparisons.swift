import TableTalkCore

/// A comparison phrase around a number ("more than", "at least", "or more", "under").
struct Comparator: Sendable {
    var op: PlanFilter.Operator
    /// Tokens of the phrase.
    var range: Range<Int>
}

/// Numeric comparisons and equalities: "wind above 50 kph", "90 or more in math", "grade 12",
/// "between 70 and 90 square kilometers", "3 silver medals", "before 2007" on a year column.
extension PlanBuilder {
        /// Phrases before a number and their operators, from `comparison-phrases.json`, longest first: "no more than 5"
    /// is at most 5, not more than 5.
    static let before: [(String, PlanFilter.Operator)] = longestFirst(Lexicon.shared.comparisonPhrases.before)

        /// Phrases after a number and their operators ("or more", "and under").
    static let after: [(String, PlanFilter.Operator)] = longestFirst(Lexicon.shared.comparisonPhrases.after)

    private static func longestFirst(_ phrases: [ComparisonPhrasesFile.Phrase]) -> [(String, PlanFilter.Operator)] {
        phrases.enumerated().sorted { a, b in
            let (na, nb) = (a.element.phrase.split(separator: " ").count, b.element.phrase.split(separator: " ").count)
            return na != nb ? na > nb : a.offset < b.offset
        }.map { ($0.element.phrase, $0.element.operator) }
    }

    /// The comparison phrase ending right before token `i` (skipping "the", "a").
    func comparator(before i: Int) -> Comparator? {
        var end = i
        let year = s.tok(i)?.isYear ?? false
        while end > 0 && (["the", "a", "an", "of"].contains(s.w(end - 1)) || year && BuilderWords.yearUnitNouns.contains(s.w(end - 1))) && s.w(end - 2) != "than" && s.w(end - 2) != "least" { end -= 1 }
        for (phrase, op) in Self.before {
            let n = phrase.split(separator: " ").count
            if end - n >= 0 && s.at(end - n, phrase) { return Comparator(op: op, range: (end - n)..<end) }
        }
        // "more expensive than 100", "cheaper than 20", "faster than 10"
        if s.w(end - 1) == "than", end >= 2 {
            let adj = end - 2
            if let d = Vocabulary.comparatives[s.w(adj)] {
                return Comparator(op: d == .up ? .greater : .less, range: adj..<end)
            }
            if let t = s.tok(adj), Adjectives.readings(ofStem: t.stem) != nil, ["more", "less"].contains(s.w(adj - 1)) {
                return Comparator(op: s.w(adj - 1) == "more" ? .greater : .less, range: (adj - 1)..<end)
            }
        }
        return nil
    }

    /// The column an adjective in a comparison names ("older than 30" → age), with the operator along it.
    func adjectiveBinding(_ cmp: Comparator) -> (ColumnProfile, PlanFilter.Operator)? {
        for i in cmp.range {
            guard let t = s.tok(i), let readings = Adjectives.readings(ofStem: t.stem), !BuilderWords.plainHeightAdjectives.contains(t.word),
                let (c, d) = columnForReadings(readings)
            else { continue }
            guard d == .down else { return (c, cmp.op) }
            switch cmp.op {
            case .greater: return (c, .less)
            case .greaterOrEqual: return (c, .lessOrEqual)
            case .less: return (c, .greater)
            case .lessOrEqual: return (c, .greaterOrEqual)
            default: return (c, cmp.op)
            }
        }
        return nil
    }

    /// The comparison phrase right after token `i` (optionally after one unit word: "90 points or more").
    func comparator(after i: Int) -> Comparator? {
        for skip in 0...1 {
            let start = i + 1 + skip
            for (phrase, op) in Self.after where s.at(start, phrase) {
                return Comparator(op: op, range: start..<(start + phrase.split(separator: " ").count))
            }
        }
        return nil
    }

    /// Whether a column can be compared with a number.
    func isNumericLike(_ c: ColumnProfile) -> Bool { c.role.isNumeric }

    /// The expression that reads a column as a number.
    func numericExpr(_ c: ColumnProfile) -> PlanExpr {
        switch c.role {
        case .numericText: return .leadingNumber(c.name)
        case .duration: return .durationSeconds(c.name)
        default: return .column(c.name)
        }
    }

    mutating func parseComparisons() {
        var i = 0
        while i < s.tokens.count {
            defer { i += 1 }
            let t = s.tokens[i]
            guard t.kind == .number, !s.used[i], let value = t.number else { continue }
            if case .value(let v) = s.q.owners[i] {
                // "6 or more models": a number with a comparison phrase is a number, even where a column holds "6"
                guard s.q.valueMentions[v].end - s.q.valueMentions[v].start == 1, comparator(before: i) ?? comparator(after: i) != nil else { continue }
                s.usedValues.insert(v)
            } else if s.q.owners[i] != nil {
                continue
            }
            // decades on a year column: "in the 1990s"
            if t.isDecade, let yc = yearColumn(near: i), let y = t.integer {
                let span = y % 100 == 0 ? 99 : 9  // "the 1800s" is a century
                s.addFilter(PlanFilter(.column(yc.name), .between, [.integer(Int64(y)), .integer(Int64(y + span))], phrase: "in the \(y)s"), at: i)
                claimMention(of: yc, near: i)
                s.use(i)
                continue
            }
            // between N and M
            // "2011-2014", "1997–2000": two adjacent years are a span
            if t.isYear, let t2 = s.tok(i + 1), t2.isYear, let y1 = t.integer, let y2 = t2.integer, y2 > y1, y2 - y1 < 200,
                s.q.owners[i + 1] == nil, let yc = yearColumn(near: i), dateColumn(near: i) == nil
            {
                s.addFilter(PlanFilter(.column(yc.name), .between, [.integer(Int64(y1)), .integer(Int64(y2))], phrase: "from \(y1) to \(y2)"), at: i)
                claimMention(of: yc, near: i)
                s.use(i...(i + 1))
                if ["in", "during", "from", "between"].contains(s.w(i - 1)) { s.use(i - 1) }
                i += 1
                continue
            }
            let betweenBefore = ["between", "from"].contains(s.w(i - 1))
                || ((s.w(i - 1) == "the" || BuilderWords.yearUnitNouns.contains(s.w(i - 1))) && (["between", "from"].contains(s.w(i - 2)) || ["between", "from"].contains(s.w(i - 3))))
            if betweenBefore, ["and", "to", "until", "through", "till"].contains(s.w(i + 1)), i + 2 < s.tokens.count,
                s.tokens[i + 2].kind == .number, let v2 = s.tokens[i + 2].number
            {
                let years = t.isYear && s.tokens[i + 2].isYear
                if years, let yc = yearColumn(near: i) {
                    s.addFilter(PlanFilter(.column(yc.name), .between, [literal(value), literal(v2)]), at: i)
                    claimMention(of: yc, near: i)
                    s.use((i - 1)..<(i + 3))
                    i += 2
                } else if let (c, m) = bindNumeric(near: i, span: (i - 1)..<(i + 3)).map({ ($0.column, $0.mention) }) {
                    s.addFilter(PlanFilter(numericExpr(c), .between, [literal(value), literal(v2)]), at: i)
                    if let m { s.setRole(m, .filter, column: c.name) } else { s.confidence *= 0.8 }
                    s.use((i - 1)..<(i + 3))
                    i += 2
                }
                continue
            }
            // "what county comes after 2007?", "which sts number comes before 4?": the neighbouring row, not a range
            if Phrasings.orderVerbs.contains(s.w(i - 2)), ["after", "before"].contains(s.w(i - 1)), value == value.rounded(),
                let c = t.isYear ? (yearColumn(near: i) ?? bindNumeric(near: i, span: (i - 2)..<(i + 1))?.column) : bindNumeric(near: i, span: (i - 2)..<(i + 1))?.column
            {
                // the first row past the number in table order (the last one before it)
                let after = s.w(i - 1) == "after"
                s.addFilter(PlanFilter(numericExpr(c), after ? .greater : .less, [literal(value)]), at: i)
                s.position = after ? .first(i - 1) : .last(i - 1)
                s.use((i - 2)...i)
                continue
            }
            var cmp = comparator(before: i) ?? comparator(after: i)
            if var c = cmp, let n = s.negations.filter({ $0 < c.range.lowerBound && c.range.lowerBound - $0 <= 4 }).max(),
                ((n + 1)..<c.range.lowerBound).allSatisfy({ BuilderWords.negatedComparisonFillers.contains(s.w($0)) || s.q.owners[$0] != nil })
            {
                // "did not have a time below 24" → at least 24
                let flipped: [PlanFilter.Operator: PlanFilter.Operator] = [.greater: .lessOrEqual, .greaterOrEqual: .less, .less: .greaterOrEqual, .lessOrEqual: .greater, .equals: .notEquals]
                if let f = flipped[c.op] {
                    c.op = f
                    c.range = n..<c.range.upperBound
                    cmp = c
                }
            }
            if let cmp {
                let span = min(cmp.range.lowerBound, i)..<max(cmp.range.upperBound, i + 1)
                if groupCondition(cmp, value: value, at: i, span: span) { continue }
                if !t.isYear, let (c, op) = adjectiveBinding(cmp) {
                    s.addFilter(PlanFilter(numericExpr(c), op, [literal(value)]), at: i)
                    if let m = s.nearestMention(to: i, maxDistance: 5, { s.column($0).name == c.name && s.roles[$0] == nil }) { s.setRole(m, .filter) }
                    s.use(span)
                    s.negations.removeAll { span.contains($0) }
                    continue
                }
                let bound = bindNumeric(near: i, span: span)
                // a year compares with years: a year column, or numbers that look like years
                let yearsOnly = t.isYear && cmp.range.contains { BuilderWords.timeComparisonWords.contains(s.w($0)) }
                if !t.isYear || dateColumn(near: i) == nil || quantityNamedBefore(i), let (c, m) = bound.map({ ($0.column, $0.mention) }), !yearsOnly || looksLikeYears(c) {
                    s.addFilter(PlanFilter(numericExpr(c), cmp.op, [literal(scaledToColumn(value, c))]), at: i)
                    if let m { s.setRole(m, .filter, column: c.name) } else { s.confidence *= 0.8 }
                    s.use(span)
                    useUnit(after: i)
                    s.negations.removeAll { span.contains($0) }
                    if cmp.op == .notEquals || span.lowerBound < i && s.w(span.lowerBound) == "not" { s.negatedComparisons += 1 }
                } else if t.isYear, let yc = yearColumn(near: i) {
                    s.addFilter(PlanFilter(.column(yc.name), cmp.op, [literal(value)]), at: i)
                    s.use(span)
                    s.negations.removeAll { span.contains($0) }
                } else if s.countAt == nil || !["than"].contains(s.w(i - 1)) {
                    s.problems.append("a comparison with \(format(value)) that names no numeric column")
                }
                continue
            }
            // equality: "grade 12", "3 silver medals", "round 4", "in 1983" on a year column
            if let m = adjacentNumericMention(i) {
                let c = s.column(m)
                let negated = s.negated(before: min(i, s.q.columnMentions[m].start), distance: 4)
                s.addFilter(PlanFilter(numericExpr(c), negated ? .notEquals : .equals, [literal(value)]), at: i)
                s.roles[m] = .filter
                s.use(i)
                continue
            }
            if t.isYear {
                if let yc = yearColumn(near: i) {
                    s.addFilter(PlanFilter(.column(yc.name), .equals, [literal(value)]), at: i)
                    claimMention(of: yc, near: i)
                    s.use(i)
                    if ["in", "during", "of", "for"].contains(s.w(i - 1)) { s.use(i - 1) }
                } else if let tc = textColumnWithYears() {
                    s.addFilter(PlanFilter(.column(tc.name), .contains, [.text(String(Int(value)))], phrase: "in \(Int(value))"), at: i)
                    s.use(i)
                    s.confidence *= 0.85
                }
            }
        }
    }

    private mutating func claimMention(of c: ColumnProfile, near i: Int) {
        if let m = s.nearestMention(to: i, maxDistance: 6, { s.column($0).name == c.name && s.roles[$0] == nil }) { s.roles[m] = .filter }
    }

    /// A numeric column mention next to a number (at most one function word between).
    private func adjacentNumericMention(_ i: Int) -> Int? {
        let ordinal = s.tokens[i].isOrdinal
        for m in s.q.columnMentions.indices where s.roles[m] == nil && isNumericLike(s.column(m)) {
            // "fourth round", "5th place" — but not "first score"
            if ordinal && !s.column(m).has(anyOf: BuilderWords.ordinalNouns) { continue }
            let cm = s.q.columnMentions[m]
            let gapAfter = cm.start - i - 1  // number before the mention
            let gapBefore = i - cm.end  // mention before the number
            if gapAfter >= 0 && gapAfter <= 1 && (gapAfter == 0 || ["of", "in", "the"].contains(s.w(i + 1))) { return m }
            if gapBefore >= 0 && gapBefore <= 1 && (gapBefore == 0 || ["of", "is", "was", "=", "no"].contains(s.w(cm.end))) { return m }
        }
        return nil
    }

    /// The numeric column a comparison near `i` is about: the closest mention with a numeric candidate, else
    /// the table's only numeric column.
    private func bindNumeric(near i: Int, span: Range<Int>) -> (column: ColumnProfile, mention: Int?)? {
        let accept: (Int) -> Bool = { m in
            (s.roles[m] == nil || s.roles[m] == .filter) && !span.contains(s.q.columnMentions[m].start)
                && s.q.columnMentions[m].candidates.contains { isNumericLike($0.column) && !isRowIdentifier($0.column) }
        }
        if s.tokens[i].isPercent, s.nearestMention(to: i, maxDistance: 5, preferRight: true, accept) == nil,
            let pct = s.table.columns.first(where: { $0.role.isNumeric && $0.has(anyOf: BuilderWords.percentColumnWords) })
        {
            return (pct, nil)
        }
        // "10 million people unemployed": a column named by its own word beats one reached through a synonym
        let ownNamed: (Int) -> Bool = { m in s.q.columnMentions[m].positions.contains { s.column(m).ownNameStems.contains(s.tokens[$0].stem) } }
        if let m = s.nearestMention(to: i, maxDistance: 5, preferRight: true, { accept($0) && ownNamed($0) }) ?? s.nearestMention(to: i, maxDistance: 5, preferRight: true, accept),
            let c = s.q.columnMentions[m].candidates.first(where: { isNumericLike($0.column) && !isRowIdentifier($0.column) })
        {
            return (c.column, m)
        }
        // "at least 70 feet": the column whose header carries the unit
        if let u = unitAfter(i) {
            let fits = s.table.columns.filter { isNumericLike($0) && Units.units(of: $0).contains(u.unit) }
            if fits.count == 1 { return (fits[0], nil) }
        }
        let numeric = s.table.columns.filter { $0.role == .number && !$0.has(anyOf: BuilderWords.identifierColumnWords) && !$0.lowerIsBetter }
        return numeric.count == 1 ? (numeric[0], nil) : nil
    }

    /// A unit word right after the number at `i` (or after its comparison phrase): its spelling and position.
    func unitAfter(_ i: Int) -> (unit: String, at: Int)? {
        for k in [i + 1, i + 2, i + 3] {
            guard let t = s.tok(k) else { return nil }
            if let u = Units.unit(t.word), !BuilderWords.unitsRightAfterNumber.contains(u) || k == i + 1 { return (u, k) }
            if !BuilderWords.unitFollowers.contains(t.word) { return nil }
        }
        return nil
    }

    /// Marks a unit word after a number as explained ("1.80 m", "64 kbit/s").
    mutating func useUnit(after i: Int) {
        if let u = unitAfter(i) { s.use(u.at) }
    }

    /// A numeric column whose sample values are all plausible years.
    func looksLikeYears(_ c: ColumnProfile) -> Bool {
        if c.role == .year { return true }
        let values = ((c.info.distinctValues ?? []) + c.info.examples).compactMap { Double($0.trimmingSpaces) }
        return !values.isEmpty && values.allSatisfy { $0 >= 1000 && $0 <= 2999 }
    }

    /// A text column whose values contain four-digit years (dates kept as text).
    private func textColumnWithYears() -> ColumnProfile? {
        s.table.columns.first { c in
            c.role == .text && c.has(anyOf: BuilderWords.timeColumnWords)
        }
    }

    /// A number far beyond every value of the column that fits once read in thousands or millions ("10 million
    /// people" against a column counted in thousands, "$15k" against prices in $1000s) is read in that unit.
    mutating func scaledToColumn(_ v: Double, _ c: ColumnProfile) -> Double {
        let samples = (c.info.examples + (c.info.distinctValues ?? [])).compactMap { Double($0) }.map(abs)
        guard let high = samples.max(), high > 0, abs(v) > 100 * high else { return v }
        for (factor, unit) in [(1000.0, "thousands"), (1_000_000.0, "millions")] where abs(v) / factor <= 10 * high && abs(v) / factor >= high / 100 {
            s.alternatives.append("\(format(v)) is read as \(format(v / factor)), since \(c.label) looks counted in \(unit).")
            return v / factor
        }
        return v
    }

    func literal(_ v: Double) -> PlanValue {
        v == v.rounded() && abs(v) < 1e15 ? .integer(Int64(v)) : .real(v)
    }

    func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
