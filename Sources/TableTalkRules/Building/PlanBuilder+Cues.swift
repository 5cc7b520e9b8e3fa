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
                } else if s.at(i, "how often") {
                    s.countAt = i
                    s.use(i..<(i + 2))
                }
            case "number", "count", "tally", "amount":
                guard !owned else { continue }
                let prev = s.w(i - 1)
                let rankingBefore = prev == "same" || Vocabulary.superlatives[prev] != nil || prev == "highest" || prev == "lowest"
                    || (["in", "by", "on"].contains(prev) && s.superlative == nil && s.tokens.indices.contains { Vocabulary.superlatives[s.w($0)] != nil })
                let plainBefore = (i == 0 || Vocabulary.stopwords.contains(prev) || prev == "total") && !rankingBefore
                if word == "amount" && !(s.w(i + 1) == "of" && ["times", "time"].contains(s.w(i + 2))) { continue }
                if (s.w(i + 1) == "of" && plainBefore) || (word == "count" && (i == 0 || prev == "the" || prev == "row")) || (word == "count" && s.w(i + 1) == "the") {
                    if s.countAt == nil { s.countAt = i }
                    s.use(i)
                    if s.w(i + 1) == "of" { s.use(i + 1) }
                    if s.w(i - 1) == "total" { s.use(i - 1) }
                } else if word == "number" && ["per", "by"].contains(s.w(i + 1)) {
                    if s.countAt == nil { s.countAt = i }
                    s.use(i)
                }
            case "different", "distinct", "unique", "separate":
                if s.countAt != nil || i > 0 && s.w(i - 1) == "many" {
                    s.countDistinct = true
                    s.use(i)
                }
            case "percentage", "percent", "share", "proportion", "fraction", "ratio":
                guard !owned else { continue }
                if s.w(i + 1) == "of" || ["what", "which", "a", "as"].contains(s.w(i - 1)) {
                    s.shareAt = i
                    s.use(i)
                    if s.w(i + 1) == "of" { s.use(i + 1) }
                }
            case "not", "no", "without", "never", "except", "excluding", "besides", "exclude", "non", "neither", "nor", "outside":
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
                if word == "by" && (s.w(i + 1) == "the" && s.w(i + 2) == "way") { continue }
                // "registration by other means" is a column's own name
                if s.q.columnMentions.contains(where: { m in m.positions.contains { $0 < i } && m.positions.contains { $0 > i } }) { continue }
                s.groupAt.append(i)
                if let unit = DateWords.units[s.w(i + 1)], unit != .day || s.w(i + 1) != "date" {
                    s.bucket = unit
                    s.use(i..<(i + 2))
                }
            case "name" where ["a", "an", "one", "any"].contains(s.w(i + 1)) && (i == 0 || s.w(i - 1) == "please"):
                s.pickOne = true
                s.use(i..<(i + 2))
            case "ascending", "asc", "increasing", "alphabetical", "alphabetically":
                s.orderDirection = .up
                s.use(i)
            case "descending", "desc", "decreasing":
                s.orderDirection = .down
                s.use(i)
            case "sorted", "ordered", "sort", "order", "rank", "ranked", "according":
                if word == "according" && s.w(i + 1) == "to" && (s.orderDirection != nil || s.find("order") != nil) {
                    s.orderAt = i + 1
                    s.use(i..<(i + 2))
                } else if s.w(i + 1) == "by" || s.w(i + 1) == "ascending" || s.w(i + 1) == "descending" {
                    s.orderAt = i
                    s.use(i)
                    if s.w(i + 1) == "by" { s.use(i + 1) }
                }
            case "first" where s.w(i + 1) == "" || s.w(i + 1) == "please":
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
        if word == "total" && (s.w(i + 1) == "number" || s.w(i + 1) == "count") { return }
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
            let n = s.tokens[i + 1].integer, n > 0, n <= 10000, !(word == "top" && (n >= 1000 || s.tokens[i + 1].original.contains(",")))
        {
            s.limit = n
            s.limitAt = i + 1
            s.use(i..<(i + 2))
            switch word {
            case "bottom", "worst", "lowest", "smallest": s.limitDirection = .down
            case "first": s.limitDirection = nil; s.position = .first(i)
            case "last": s.limitDirection = nil; s.position = .last(i)
            default: s.limitDirection = .up
            }
        } else if t.kind == .number, !t.isOrdinal, !t.isYear, let n = t.integer, n > 1, n <= 1000,
            let d = Vocabulary.superlatives[s.w(i + 1)] ?? s.tok(i + 1).flatMap({ Adjectives.readings(ofStem: $0.stem) }).flatMap({ _ in superlativeDirection(i + 1) }),
            s.w(i - 1) == "the" || i == 0 || s.w(i - 1) == "top"
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
                let verbBefore = BuilderWords.occurrenceVerbs.contains(s.w(i - 1)) || ["appears", "appear", "appeared", "occurs", "occurred", "listed"].contains(s.w(i - 2))
                if (BuilderWords.frequencyWords.contains(next) && !(next == "popular" && popularColumnExists))
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
                if word == "top" && s.limit != nil { continue }
                if word == "top", let n = s.tok(i + 1), n.kind == .number, (n.number ?? 0) >= 1000 || n.original.contains(",") { continue }
                if ["least", "most"].contains(word) && s.w(i - 1) == "at" { continue }
                if ["max", "min", "maximum", "minimum"].contains(word) && s.aggregateCues.contains(where: { $0.pos == i }) { continue }
                s.superlative = (i, d, Adjectives.readings(ofStem: s.tokens[i].stem) ?? [])
                s.use(i)
                return
            }
            if let d = superlativeDirection(i), s.q.columnMention(at: i) == nil || Adjectives.readings(ofStem: s.tokens[i].stem) != nil {
                s.superlative = (i, d, Adjectives.readings(ofStem: s.tokens[i].stem) ?? [])
                s.use(i)
                return
            }
            if ["earliest", "latest", "newest", "oldest", "youngest"].contains(word), let r = Adjectives.readings(ofStem: s.tokens[i].stem) {
                s.superlative = (i, r[0].direction, r)
                s.use(i)
                return
            }
        }
    }

    private var popularColumnExists: Bool {
        s.table.columns.contains { c in c.role.isNumeric && ["attendance", "view", "revenue", "vote"].contains { c.has($0) } }
    }
}
