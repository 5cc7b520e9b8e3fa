import TableTalkCore

/// Finds the structural words of a question: counting, aggregates, shares, superlatives, grouping, buckets,
/// order, limits, negations and the question word.
extension PlanBuilder {
    mutating func scanCues() {
        let n = s.tokens.count
        var i = 0
        while i < n {
            let word = s.w(i)
            let owned = s.q.owners[i] != nil
            defer { i += 1 }
            if s.questionWord != nil, ["where", "when", "who"].contains(word), s.w(i - 1) == "and" {
                s.extraQuestionWords.append((i, word))
            }
            if s.questionWord == nil, Vocabulary.questionWords.contains(word), !(word == "how" && !BuilderWords.howQuantifiers.contains(s.w(i + 1))) {
                s.questionWord = (i, word == "how" ? "how " + s.w(i + 1) : word)
            }
            switch word {
            case "how":
                if s.at(i, "how many") || s.at(i, "how much") {
                    let laterThan = s.find("than", from: i + 2) != nil
                    let comparativeSoon = (2...4).contains { Vocabulary.comparatives[s.w(i + $0)] != nil && !["more", "less", "fewer"].contains(s.w(i + $0)) }
                    let more = ["more", "less", "fewer"].contains(s.w(i + 2)) || (laterThan && comparativeSoon)
                    if more {
                        s.differenceAt = i
                        s.use(i..<(i + 3))
                    } else if s.w(i + 1) == "many" {
                        s.countAt = i
                        s.use(i..<(i + 2))
                    } else {
                        s.aggregateCues.append((i, .sum))
                        s.use(i..<(i + 2))
                    }
                } else if BuilderWords.frequencyQuestionWords.contains(s.w(i + 1)) {
                    s.countAt = i
                    s.use(i..<(i + 2))
                }
            case _ where BuilderWords.countNouns.contains(word):
                guard !owned else { continue }
                let prev = s.w(i - 1)
                let rankingBefore = prev == "same" || Vocabulary.superlatives[prev] != nil || BuilderWords.rankingAdjectives.contains(prev)
                    || (["in", "by", "on"].contains(prev) && s.superlative == nil && s.tokens.indices.contains { Vocabulary.superlatives[s.w($0)] != nil })
                let plainBefore = (i == 0 || Vocabulary.stopwords.contains(prev) || BuilderWords.totalWords.contains(prev)) && !rankingBefore
                if BuilderWords.countNounsOfTimes.contains(word) && !(s.w(i + 1) == "of" && BuilderWords.timesNouns.contains(s.w(i + 2))) { continue }
                let bare = BuilderWords.bareCountNouns.contains(word)
                if (s.w(i + 1) == "of" && plainBefore) || (bare && (i == 0 || prev == "the" || BuilderWords.countedRowNouns.contains(prev))) || (bare && s.w(i + 1) == "the") {
                    if s.countAt == nil { s.countAt = i }
                    s.use(i)
                    if s.w(i + 1) == "of" { s.use(i + 1) }
                    if BuilderWords.totalWords.contains(s.w(i - 1)) { s.use(i - 1) }
                } else if BuilderWords.countPerNouns.contains(word) && ["per", "by"].contains(s.w(i + 1)) {
                    if s.countAt == nil { s.countAt = i }
                    s.use(i)
                }
            case _ where BuilderWords.distinctWords.contains(word):
                if s.countAt != nil || i > 0 && s.w(i - 1) == "many" {
                    s.countDistinct = true
                    s.use(i)
                }
            case _ where BuilderWords.shareNouns.contains(word):
                guard !owned else { continue }
                if s.w(i + 1) == "of" || ["what", "which", "a", "as"].contains(s.w(i - 1)) {
                    s.shareAt = i
                    s.use(i)
                    if s.w(i + 1) == "of" { s.use(i + 1) }
                }
            case _ where BuilderWords.negationCues.contains(word):
                if owned { continue }  // "No caucus" is a value
                s.negations.append(i)
                s.use(i)
            case "other" where s.w(i + 1) == "than":
                s.negations.append(i)
                s.use(i..<(i + 2))
            case "apart" where s.w(i + 1) == "from", "aside" where s.w(i + 1) == "from":
                s.negations.append(i)
                s.use(i..<(i + 2))
            case "by", "per", "each", "every", "across":
                if word == "by" && (s.w(i + 1) == "the" && BuilderWords.byTheIdiomNouns.contains(s.w(i + 2))) { continue }
                // "registration by other means" is a column's own name
                if s.q.columnMentions.contains(where: { m in m.positions.contains { $0 < i } && m.positions.contains { $0 > i } }) { continue }
                s.groupAt.append(i)
                if let unit = DateWords.units[s.w(i + 1)], unit != .day || !BuilderWords.dateNouns.contains(s.w(i + 1)) {
                    s.bucket = unit
                    s.use(i..<(i + 2))
                }
            case _ where BuilderWords.pickOneVerbs.contains(word) && ["a", "an", "one", "any"].contains(s.w(i + 1)) && (i == 0 || s.w(i - 1) == "please"):
                s.pickOne = true
                s.use(i..<(i + 2))
            case _ where BuilderWords.ascendingWords.contains(word):
                s.orderDirection = .up
                s.use(i)
            case _ where BuilderWords.descendingWords.contains(word):
                s.orderDirection = .down
                s.use(i)
            case _ where BuilderWords.orderVerbs.contains(word):
                if BuilderWords.accordingWords.contains(word) && s.w(i + 1) == "to" && (s.orderDirection != nil || s.find(anyOf: BuilderWords.orderNouns) != nil) {
                    s.orderAt = i + 1
                    s.use(i..<(i + 2))
                } else if s.w(i + 1) == "by" || BuilderWords.directionsAfterOrderVerb.contains(s.w(i + 1)) {
                    s.orderAt = i
                    s.use(i)
                    if s.w(i + 1) == "by" { s.use(i + 1) }
                }
            case _ where BuilderWords.firstWords.contains(word) && (s.w(i + 1) == "" || s.w(i + 1) == "please"):
                // "largest first", "smallest first"
                if let d = Vocabulary.superlatives[s.w(i - 1)] {
                    s.orderDirection = d == .up ? .down : .up
                    s.use((i - 1)..<(i + 1))
                }
            default:
                break
            }
            if let unit = DateWords.bucketAdverbs[word], !owned {
                s.bucket = unit
                s.use(i)
            }
            scanAggregate(i)
            scanLimit(i)
        }
        scanSuperlatives()
    }

    /// "average", "total", "median", "max" before (or "on average" after) what they aggregate.
    private mutating func scanAggregate(_ i: Int) {
        let word = s.w(i)
        // the stem stands in for plurals ("averages"), not for other words built on it ("meaning" is not "mean")
        let inflected = word.hasSuffix("ing") || word.hasSuffix("ed")
        guard let cue = Vocabulary.aggregates[word] ?? (inflected ? nil : Vocabulary.aggregates[s.tokens[i].stem]) else { return }
        if case .column = s.q.owners[i] { return }
        if BuilderWords.totalWords.contains(word) && BuilderWords.countNounsAfterTotal.contains(s.w(i + 1)) { return }
        s.aggregateCues.append((i, cue))
        s.use(i)
        if s.w(i + 1) == "of" { s.use(i + 1) }
    }

    /// "top 10", "bottom 3", "first 5", "5 largest".
    private mutating func scanLimit(_ i: Int) {
        let word = s.w(i)
        let t = s.tokens[i]
        if BuilderWords.limitWords.contains(word),
            i + 1 < s.tokens.count, s.tokens[i + 1].kind == .number, !s.tokens[i + 1].isOrdinal, !s.tokens[i + 1].isYear,
            let n = s.tokens[i + 1].integer, n > 0, n <= 10000, !(BuilderWords.topWords.contains(word) && (n >= 1000 || s.tokens[i + 1].original.contains(",")))
        {
            s.limit = n
            s.limitAt = i + 1
            s.use(i..<(i + 2))
            if BuilderWords.limitDownWords.contains(word) {
                s.limitDirection = .down
            } else if BuilderWords.firstWords.contains(word) {
                s.limitDirection = nil; s.position = .first(i)
            } else if BuilderWords.lastWords.contains(word) {
                s.limitDirection = nil; s.position = .last(i)
            } else {
                s.limitDirection = .up
            }
        } else if t.kind == .number, !t.isOrdinal, !t.isYear, let n = t.integer, n > 1, n <= 1000,
            let d = Vocabulary.superlatives[s.w(i + 1)] ?? s.tok(i + 1).flatMap({ Adjectives.readings(ofStem: $0.stem) }).flatMap({ _ in superlativeDirection(i + 1) }),
            s.w(i - 1) == "the" || i == 0 || BuilderWords.topWords.contains(s.w(i - 1))
        {
            s.limit = n
            s.limitDirection = d
            s.use(i)
        }
    }

    /// Direction of a superlative adjective form ("hottest" → up, "cheapest" → down).
    func superlativeDirection(_ i: Int) -> Direction? {
        let word = s.w(i)
        guard word.hasSuffix("est"), let t = s.tok(i), let r = Adjectives.readings(ofStem: t.stem), let first = r.first else { return nil }
        return first.direction
    }

    /// "highest", "most expensive", "youngest", "most common", "the least".
    private mutating func scanSuperlatives() {
        for i in s.tokens.indices where !s.used[i] {
            let word = s.w(i)
            if case .value = s.q.owners[i] { continue }
            if (word == "most" || word == "least") && s.w(i - 1) == "at" { continue }
            if (word == "most" || word == "least") {
                let next = s.w(i + 1)
                let verbBefore = BuilderWords.occurrenceVerbs.contains(s.w(i - 1)) || BuilderWords.occurrenceVerbsBeforeThe.contains(s.w(i - 2))
                if (BuilderWords.frequencyWords.contains(next) && !(BuilderWords.popularityWords.contains(next) && popularColumnExists))
                    || (word == "most" && next.isEmpty && verbBefore)
                {
                    s.mostFrequent = true
                    s.superlative = (i, word == "most" ? .up : .down, [])
                    s.use(i..<(i + 2))
                    return
                }
                if i + 1 < s.tokens.count, let r = Adjectives.readings(ofStem: s.tokens[i + 1].stem), s.q.columnMention(at: i + 1) == nil {
                    let dir: Direction = word == "most" ? .up : .down
                    s.superlative = (i, dir, r.map { Adjectives.Reading(concept: $0.concept, direction: dir == .up ? $0.direction : $0.direction.flipped) })
                    s.use(i..<(i + 2))
                    return
                }
            }
            if let d = Vocabulary.superlatives[word] {
                if BuilderWords.topWords.contains(word) && s.limit != nil { continue }
                if BuilderWords.topWords.contains(word), let n = s.tok(i + 1), n.kind == .number, (n.number ?? 0) >= 1000 || n.original.contains(",") { continue }
                if ["least", "most"].contains(word) && s.w(i - 1) == "at" { continue }
                if BuilderWords.extremeAggregateWords.contains(word) && s.aggregateCues.contains(where: { $0.pos == i }) { continue }
                s.superlative = (i, d, Adjectives.readings(ofStem: s.tokens[i].stem) ?? [])
                s.use(i)
                return
            }
            if let d = superlativeDirection(i), s.q.columnMention(at: i) == nil || Adjectives.readings(ofStem: s.tokens[i].stem) != nil {
                s.superlative = (i, d, Adjectives.readings(ofStem: s.tokens[i].stem) ?? [])
                s.use(i)
                return
            }
            if BuilderWords.ageSuperlatives.contains(word), let r = Adjectives.readings(ofStem: s.tokens[i].stem) {
                s.superlative = (i, r[0].direction, r)
                s.use(i)
                return
            }
        }
    }

    private var popularColumnExists: Bool {
        s.table.columns.contains { c in c.role.isNumeric && c.has(anyOf: BuilderWords.popularityColumnWords) }
    }
}
