import TableTalkCore

/// Links the words of a question to one table: values first (longest match wins), then columns by weighted
/// concept overlap, then the table's own name, then partial values.
///
/// Superlative and aggregate words ("highest", "average") only join a column mention next to a stronger word
/// of the same column, so "highest wind" links "wind" alone while "max temperature" links both words.
struct SchemaLinker: Sendable {
    let table: TableProfile
    let values: TableValues
    /// An outside index asked for exact values the table's own samples lack.
    var lookup: (any ValueLookup)? = nil

    func link(_ tokens: [Token]) -> LinkedQuestion {
        var q = LinkedQuestion(tokens: tokens, table: table, columnMentions: [], valueMentions: [], owners: Array(repeating: nil, count: tokens.count))
        linkExactValues(&q, minLength: 2)
        linkColumns(&q)
        linkExactValues(&q, minLength: 1)
        linkValuesSkippingStopwords(&q)
        linkStemAndSynonymValues(&q)
        linkTableName(&q)
        linkPartialValues(&q)
        q.valueMentions.sort { $0.start < $1.start }
        reindex(&q)
        q.vocabulary = values.wordStems.union(table.columns.flatMap(\.concepts))
        let mentioned = Set(q.valueMentions.flatMap { $0.hits.map(\.stored) })
        q.summaryRows = values.entries.filter { e in
            guard let first = e.words.first, !mentioned.contains(e.stored) else { return false }
            return ["total", "totals", "overall", "sum", "all"].contains(e.key) || e.key == "grand total"
                || (first == "total" && e.words.count <= 4) || e.key.hasPrefix("grand total")
        }
        return q
    }

    // MARK: values

    private func linkExactValues(_ q: inout LinkedQuestion, minLength: Int) {
        let tokens = q.tokens
        let maxLen = min(10, tokens.count)
        guard maxLen >= minLength else { return }
        for n in stride(from: maxLen, through: minLength, by: -1) {
            var i = 0
            while i + n <= tokens.count {
                let span = i..<(i + n)
                if span.allSatisfy({ q.owners[$0] == nil && tokens[$0].kind != .symbol }) {
                    let key = span.map { tokens[$0].word }.joined(separator: " ")
                    var back = i - 1
                    while back > 0 && ["the", "year", "years", "season"].contains(tokens[back].word) { back -= 1 }
                    let afterComparator = back >= 0 && i > 0 && ["after", "before", "since", "over", "under", "than", "least", "most", "above", "below", "until", "exceeding", "between", "and"].contains(tokens[back].word)
                    if tokens[i].kind == .number && afterComparator { i += 1; continue }
                    if let hits = values.exact[key] ?? externalHits(key, n), acceptable(tokens, span) {
                        let numeric = span.allSatisfy { tokens[$0].kind == .number }
                        let score = numeric ? 0.6 : (tokens[i].kind == .quoted ? 1.2 : 0.9 + 0.05 * Double(n))
                        add(&q, ValueMention(start: i, end: i + n, hits: hits, score: score, partial: false))
                        i += n
                        continue
                    }
                }
                i += 1
            }
        }
    }

    /// "published in 2011" for "Published (2011)": a value whose words are the span's words without its inner
    /// function words.
    private func linkValuesSkippingStopwords(_ q: inout LinkedQuestion) {
        let tokens = q.tokens
        guard tokens.count >= 3 else { return }
        for n in stride(from: min(8, tokens.count), through: 3, by: -1) {
            var i = 0
            while i + n <= tokens.count {
                let span = i..<(i + n)
                guard span.allSatisfy({ q.owners[$0] == nil && tokens[$0].kind != .symbol }),
                    !Vocabulary.stopwords.contains(tokens[i].word), !Vocabulary.stopwords.contains(tokens[i + n - 1].word)
                else {
                    i += 1
                    continue
                }
                let content = span.filter { !Vocabulary.stopwords.contains(tokens[$0].word) }
                guard content.count >= 2, content.count < n else {
                    i += 1
                    continue
                }
                let key = content.map { tokens[$0].word }.joined(separator: " ")
                if let hits = values.exact[key] {
                    add(&q, ValueMention(start: i, end: i + n, hits: hits, score: 0.85, partial: false))
                    i += n
                    continue
                }
                i += 1
            }
        }
    }

    private func externalHits(_ key: String, _ n: Int) -> [ValueEntry]? {
        guard let lookup else { return nil }
        let found = lookup.columns(containing: key, in: table.name)
        guard !found.isEmpty else { return nil }
        return found.map { ValueEntry(column: $0.column, stored: $0.stored, key: key, words: key.split(separator: " ").map(String.init)) }
    }

    /// A single word that is a stopword, question word or cue is not taken as a value.
    private func acceptable(_ tokens: [Token], _ span: Range<Int>) -> Bool {
        if span.count > 1 {
            // a span of only function words ("of the") is not a value
            return !span.allSatisfy { Vocabulary.stopwords.contains(tokens[$0].word) }
        }
        let t = tokens[span.lowerBound]
        if t.kind == .quoted { return true }
        if t.kind == .number { return !t.isOrdinal }
        return !Vocabulary.stopwords.contains(t.word) && Vocabulary.superlatives[t.word] == nil
            && Vocabulary.comparatives[t.word] == nil && t.word.count > 1
    }

    private func linkStemAndSynonymValues(_ q: inout LinkedQuestion) {
        for i in q.tokens.indices where q.owners[i] == nil && q.tokens[i].kind == .word {
            let t = q.tokens[i]
            guard !Vocabulary.stopwords.contains(t.word), t.word.count > 2 else { continue }
            if let hits = values.byStem[t.stem], !hits.isEmpty {
                add(&q, ValueMention(start: i, end: i + 1, hits: hits, score: 0.8, partial: false))
                continue
            }
            if let codes = ValueSynonyms.codes(for: t.word) {
                let hits = codes.flatMap { values.exact[$0] ?? [] }
                if !hits.isEmpty {
                    add(&q, ValueMention(start: i, end: i + 1, hits: hits, score: 0.8, partial: false))
                }
            }
        }
    }

    /// Words that are part of a stored value, when they single out few values of one column: a whole part
    /// ("Cuba" of "Havana, Cuba", "Japan" of "Japan (JPN)", "Peter Whitehead" of a two-line cell), a surname
    /// ("Barton" of "Edmund Barton"), or most of a part ("domination theater" of "The Domination Theater").
    private func linkPartialValues(_ q: inout LinkedQuestion) {
        let tokens = q.tokens
        var i = 0
        while i < tokens.count {
            let startsQuoted = tokens[i].kind == .quoted
            guard q.owners[i] == nil, tokens[i].kind == .word && isContentWord(tokens[i]) || startsQuoted else {
                i += 1
                continue
            }
            var j = i + 1
            if !startsQuoted {
                while j < tokens.count && j - i < 5 && q.owners[j] == nil && tokens[j].kind != .symbol
                    && (isContentWord(tokens[j]) || tokens[j].kind == .number || ["of", "the", "de", "and", "la", "le", "von", "van", "da"].contains(tokens[j].word)) { j += 1 }
            }
            var matched = false
            var end = j
            while end > i {
                let words = (i..<end).flatMap { tokens[$0].kind == .quoted ? tokens[$0].word.split(separator: " ").map(String.init) : [tokens[$0].word] }
                if let last = words.last, Vocabulary.stopwords.contains(last) && !startsQuoted {
                    end -= 1
                    continue
                }
                if let (hits, score) = partialHits(words) {
                    add(&q, ValueMention(start: i, end: end, hits: hits, score: score, partial: true))
                    i = end
                    matched = true
                    break
                }
                end -= 1
            }
            if !matched { i += 1 }
        }
    }

    /// Values containing `words` and how good the match is, or nil when too weak or too vague.
    private func partialHits(_ words: [String]) -> ([ValueEntry], Double)? {
        guard let first = words.first, let candidates = values.byWord[first] else { return nil }
        var best: [String: (hits: [ValueEntry], score: Double)] = [:]  // per column
        for idx in candidates {
            let e = values.entries[idx]
            guard containsRun(e.words, words) else { continue }
            var score = 0.0
            for part in e.parts {
                if part == words {
                    score = max(score, 0.85)
                } else if part.count > words.count && Array(part.suffix(words.count)) == words && part.count <= 4 && namesPeople(e.column) {
                    score = max(score, 0.65)  // a surname, the end of a name
                } else if containsRun(part, words) && words.count >= 2 && Double(words.count) >= 0.5 * Double(part.count) {
                    score = max(score, 0.6)
                }
            }
            guard score > 0 else { continue }
            var entry = best[e.column] ?? ([], 0)
            if score > entry.score + 0.01 {
                entry = ([e], score)
            } else if abs(score - entry.score) <= 0.01 {
                entry.hits.append(e)
            }
            best[e.column] = entry
        }
        // the best column; a vague word matching many values is no evidence
        guard let top = best.values.max(by: { $0.score < $1.score || ($0.score == $1.score && $0.hits.count > $1.hits.count) }) else { return nil }
        let limit = top.score >= 0.85 ? 5 : 2
        guard top.hits.count <= limit else { return nil }
        let others = best.values.filter { abs($0.score - top.score) <= 0.01 }
        return (others.count == 1 ? top.hits : others.flatMap(\.hits), top.score - (top.hits.count > 1 ? 0.05 : 0))
    }

    /// A column of names (people, teams): the last word of a value is a fair short name there.
    private func namesPeople(_ column: String) -> Bool {
        guard let c = table.column(named: column) else { return false }
        return c.concepts.contains { PlanBuilder.personConcepts.contains($0) } || c.isUnique && c.index == table.columns.firstIndex(where: { $0.role == .text })
    }

    private func containsRun(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for s in 0...(haystack.count - needle.count) where haystack[s] == needle[0] {
            if Array(haystack[s..<(s + needle.count)]) == needle { return true }
        }
        return false
    }

    private func isContentWord(_ t: Token) -> Bool {
        t.kind == .word && t.word.count > 2 && !Vocabulary.stopwords.contains(t.word)
            && Vocabulary.superlatives[t.word] == nil && Vocabulary.comparatives[t.word] == nil
            && Adjectives.readings(ofStem: t.stem) == nil && Vocabulary.aggregates[t.word] == nil
            && !DateWords.isDateWord(t.word)
    }

    private func add(_ q: inout LinkedQuestion, _ m: ValueMention) {
        let idx = q.valueMentions.count
        q.valueMentions.append(m)
        for p in m.start..<m.end { q.owners[p] = .value(idx) }
    }

    // MARK: columns

    private func isWeak(_ t: Token) -> Bool {
        Vocabulary.superlatives[t.word] != nil || Vocabulary.aggregates[t.word] != nil
            || Vocabulary.stopwords.contains(t.word) || Vocabulary.countWords.contains(t.word)
            || Vocabulary.comparatives[t.word] != nil
    }

    private func linkColumns(_ q: inout LinkedQuestion) {
        let tokens = q.tokens
        let columnWords = Set(table.columns.flatMap(\.concepts))
        let concepts: [String?] = tokens.enumerated().map { i, t in
            guard q.owners[i] == nil else { return nil }
            if t.kind == .number && t.isNumeral && columnWords.contains(t.word) { return t.word }
            guard t.kind == .word else { return nil }
            return Synonyms.concept(ofStem: t.stem)
        }
        // per column: matched positions and coverage
        var perColumn: [(col: ColumnProfile, positions: [Int], score: Double)] = []
        for col in table.columns {
            let total = table.totalWeight(col)
            guard total > 0 else { continue }
            var positions: [Int] = []
            for (i, c) in concepts.enumerated() {
                guard let c else { continue }
                if col.concepts.contains(c) || prefixMatch(c, col.concepts) { positions.append(i) }
            }
            guard !positions.isEmpty else { continue }
            // weak words need a strong neighbour of the same column, unless the column's name is that word ("From")
            let soleWord = col.concepts.count == 1 && Vocabulary.stopwords.contains(col.concepts[0]) && !["number", "total", "count", "no"].contains(col.concepts[0])
            let strong = positions.filter { !isWeak(tokens[$0]) || soleWord }
            guard !strong.isEmpty else { continue }
            positions = positions.filter { p in
                // "number of tracks" counts tracks; it does not name a "Track number" column
                if ["number", "count"].contains(tokens[p].word) && p + 1 < tokens.count && tokens[p + 1].word == "of" { return false }
                return !isWeak(tokens[p]) || strong.contains { abs($0 - p) <= 2 }
            }
            var matched: Set<String> = []
            for p in positions {
                if let c = concepts[p] {
                    matched.insert(col.concepts.contains(c) ? c : (col.concepts.first { prefixPair($0, c) } ?? c))
                }
            }
            let covered = matched.reduce(0.0) { $0 + (table.weights[$1] ?? 0) }
            var score = covered / total
            let distinctive = matched.contains { (table.weights[$0] ?? 0) >= 0.5 && !TableProfile.genericWords.contains($0) && !TableProfile.unitWords.contains($0) }
            if score < 0.5 && !(distinctive && score >= 0.2) { continue }
            if score < 0.5 { score = 0.5 * score + 0.25 }
            // more question words on the same column is more evidence ("water area" over "water")
            let strongCount = Set(positions.filter { !isWeak(tokens[$0]) }.compactMap { concepts[$0] }).count
            score *= 1 + 0.12 * Double(max(0, strongCount - 1))
            perColumn.append((col, positions, min(1.2, score)))
        }
        guard !perColumn.isEmpty else { return }
        // assign each token to its best-scoring columns
        var bestAt: [Int: Double] = [:]
        for entry in perColumn { for p in entry.positions { bestAt[p] = max(bestAt[p] ?? 0, entry.score) } }
        var groups: [[Int]: [ScoredColumn]] = [:]
        var order: [[Int]] = []
        for entry in perColumn.sorted(by: { $0.score > $1.score }) {
            let kept = entry.positions.filter { (bestAt[$0] ?? 0) <= entry.score + 0.05 }
            guard !kept.isEmpty, kept.contains(where: { !isWeak(tokens[$0]) }) else { continue }
            // join an existing group over the same tokens (a tie) or start one
            if let key = order.first(where: { !Set($0).isDisjoint(with: kept) }) {
                if Set(key) == Set(kept) || (groups[key]?.first.map { $0.score - entry.score <= 0.05 } ?? false) {
                    groups[key]?.append(ScoredColumn(column: entry.col, score: entry.score))
                }
                continue
            }
            order.append(kept)
            groups[kept] = [ScoredColumn(column: entry.col, score: entry.score)]
        }
        for key in order {
            guard let cands = groups[key] else { continue }
            let idx = q.columnMentions.count
            q.columnMentions.append(ColumnMention(positions: key, candidates: cands))
            for p in key { q.owners[p] = .column(idx) }
        }
    }

    private func prefixMatch(_ c: String, _ concepts: [String]) -> Bool {
        concepts.contains { prefixPair($0, c) }
    }

    /// "precip"/"precipitation", "math"/"mathematic": one is a prefix of the other and the shorter has ≥ 4 letters.
    private func prefixPair(_ a: String, _ b: String) -> Bool {
        let (s, l) = a.count <= b.count ? (a, b) : (b, a)
        guard s.count >= 4, s != l, l.hasPrefix(s) else { return false }
        // "math"/"mathematics" or "precip"/"precipitation", but not "elect"/"electorate"
        return Double(s.count) >= 0.6 * Double(l.count) || (s.count <= 4 && l.count >= 8)
    }

    // MARK: table

    private func linkTableName(_ q: inout LinkedQuestion) {
        for i in q.tokens.indices where q.owners[i] == nil && q.tokens[i].kind == .word {
            if table.nameConcepts.contains(Synonyms.concept(ofStem: q.tokens[i].stem)) { q.owners[i] = .table }
        }
    }

    /// Re-derives owners after sorting value mentions.
    private func reindex(_ q: inout LinkedQuestion) {
        for i in q.owners.indices { if case .value = q.owners[i] { q.owners[i] = nil } }
        for (idx, m) in q.valueMentions.enumerated() { for p in m.start..<m.end { q.owners[p] = .value(idx) } }
    }
}
