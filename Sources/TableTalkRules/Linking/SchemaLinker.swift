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
        linkStemAndSynonymValues(&q)
        linkTableName(&q)
        linkPartialValues(&q)
        q.valueMentions.sort { $0.start < $1.start }
        reindex(&q)
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

    /// Words that are part of a stored value ("Japan" of "Japan (JPN)", "Barton" of "Edmund Barton"), when they
    /// single out few values of one column.
    private func linkPartialValues(_ q: inout LinkedQuestion) {
        let tokens = q.tokens
        var i = 0
        while i < tokens.count {
            guard q.owners[i] == nil, tokens[i].kind == .word, isContentWord(tokens[i]) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < tokens.count && j - i < 4 && q.owners[j] == nil && tokens[j].kind != .symbol
                && (isContentWord(tokens[j]) || tokens[j].kind == .number) { j += 1 }
            // longest run first, shrinking from the right
            var matched = false
            var end = j
            while end > i {
                let words = (i..<end).map { tokens[$0].word }
                if let hits = partialHits(words), !hits.isEmpty {
                    let cover = Double(words.joined(separator: " ").count) / Double(hits.map { $0.key.count }.max() ?? 1)
                    add(&q, ValueMention(start: i, end: end, hits: hits, score: 0.45 + 0.4 * min(1, cover), partial: true))
                    i = end
                    matched = true
                    break
                }
                end -= 1
            }
            if !matched { i += 1 }
        }
    }

    private func partialHits(_ words: [String]) -> [ValueEntry]? {
        guard let first = words.first, let candidates = values.byWord[first] else { return nil }
        var hits: [ValueEntry] = []
        for idx in candidates {
            let e = values.entries[idx]
            if containsRun(e.words, words) { hits.append(e) }
        }
        guard !hits.isEmpty else { return nil }
        // must single out few values within a column
        let byColumn = Dictionary(grouping: hits, by: \.column)
        let best = byColumn.values.min { $0.count < $1.count }!
        if best.count > 3 && words.count == 1 { return nil }
        if best.count > 6 { return nil }
        return byColumn.count == 1 ? hits : best
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
        let concepts: [String?] = tokens.enumerated().map { i, t in
            guard q.owners[i] == nil, t.kind == .word else { return nil }
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
            // weak words need a strong neighbour of the same column
            let strong = positions.filter { !isWeak(tokens[$0]) }
            guard !strong.isEmpty else { continue }
            positions = positions.filter { p in
                !isWeak(tokens[p]) || strong.contains { abs($0 - p) <= 2 }
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
            perColumn.append((col, positions, min(1, score)))
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
        return s.count >= 4 && s != l && l.hasPrefix(s)
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
