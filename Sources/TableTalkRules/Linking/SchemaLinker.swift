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

    func link(_ input: [Token]) -> LinkedQuestion {
        let tokens = SpellingRepair(table: table, values: values).apply(input)
        var q = LinkedQuestion(tokens: tokens, table: table, columnMentions: [], valueMentions: [], owners: Array(repeating: nil, count: tokens.count))
        linkExactValues(&q, minLength: 2)
        linkColumns(&q)
        linkExactValues(&q, minLength: 1)
        linkValuesSkippingStopwords(&q)
        linkAbbreviatedValues(&q)
        linkStemAndSynonymValues(&q)
        linkRoleWords(&q)
        preferValuesBeforeTheirColumn(&q)
        linkValuesAfterTheirColumn(&q)
        linkTableName(&q)
        linkPartialValues(&q)
        q.valueMentions.sort { $0.start < $1.start }
        reindex(&q)
        q.vocabulary = values.wordStems.union(table.columns.flatMap(\.concepts))
        let mentioned = Set(q.valueMentions.flatMap { $0.hits.map(\.stored) })
        let totalWords = LinkerWords.totalRowWords.sorted().flatMap { values.byWord[$0] ?? [] }
        q.summaryRows = Set(totalWords).sorted().map { values.entries[$0] }.filter { e in
            guard let first = e.words.first, !mentioned.contains(e.stored) else { return false }
            return LinkerWords.totalRowWords.contains(e.key) || LinkerWords.totalRowPhrases.contains(e.key)
                || (LinkerWords.totalRowLeaders.contains(first) && e.words.count <= 4) || LinkerWords.totalRowPhrases.contains { e.key.hasPrefix($0) }
        }
        return q
    }

    // MARK: columns

    func isWeak(_ t: Token) -> Bool {
        Vocabulary.superlatives[t.word] != nil || Vocabulary.aggregates[t.word] != nil
            || Vocabulary.stopwords.contains(t.word) || Vocabulary.countWords.contains(t.word)
            || Vocabulary.comparatives[t.word] != nil
    }

    func linkColumns(_ q: inout LinkedQuestion) {
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
            // abbreviated names: "savings rate" → psavert, "median duration of unemployment" → uempmed
            var abbreviated: [String: Double] = [:]
            for a in col.abbreviations {
                // a word that names some column outright is that column's, never a piece of an abbreviation
                let words = tokens.indices.filter { i in
                    guard let c = concepts[i], tokens[i].kind == .word, !positions.contains(i), !Vocabulary.stopwords.contains(tokens[i].word), tokens[i].word.count >= 2 else { return false }
                    return !columnWords.contains(c) && !table.columns.contains { col in prefixMatch(c, col.concepts) }
                }.flatMap { i in Abbreviations.forms(of: tokens[i]).map { (index: i, word: $0) } }
                let (fraction, used) = Abbreviations.cover(a, by: words)
                if fraction >= 0.75 && (used.count >= 2 || fraction >= 0.85 || a.count <= 4) && (used.count >= 1) {
                    positions += used
                    abbreviated[Synonyms.schemaConcept(ofWord: a)] = fraction
                }
            }
            positions.sort()
            guard !positions.isEmpty else { continue }
            // weak words need a strong neighbour of the same column, unless the column's name is that word ("From")
            let soleWord = col.concepts.count == 1 && Vocabulary.stopwords.contains(col.concepts[0]) && !LinkerWords.headerCountWords.contains(col.concepts[0])
            // a column's own one-word name is never a function word ("Type", "Order", "Count")
            let ownName = col.concepts.count == 1 ? col.concepts[0] : nil
            let isOwnName: (Int) -> Bool = { p in concepts[p] == ownName && col.ownNameWords.contains(tokens[p].word) }
            let strong = positions.filter { !isWeak(tokens[$0]) || soleWord || isOwnName($0) }
            guard !strong.isEmpty else { continue }
            positions = positions.filter { p in
                // "number of tracks" counts tracks; it does not name a "Track number" column
                if LinkerWords.countNouns.contains(tokens[p].word) && p + 1 < tokens.count && tokens[p + 1].word == "of" { return false }
                return !isWeak(tokens[p]) || strong.contains { abs($0 - p) <= 2 } || isOwnName(p)
            }
            var matched: Set<String> = []
            for p in positions {
                if let c = concepts[p] {
                    matched.insert(col.concepts.contains(c) ? c : (col.concepts.first { prefixPair($0, c) } ?? c))
                }
            }
            var covered = matched.reduce(0.0) { $0 + (table.weights[$1] ?? 0) }
            for (k, fraction) in abbreviated where !matched.contains(k) { covered += (table.weights[k] ?? 0) * fraction }
            var score = covered / total
            let distinctive = matched.contains { (table.weights[$0] ?? 0) >= 0.5 && !TableProfile.genericWords.contains($0) && !TableProfile.unitWords.contains($0) }
            if score < 0.5 && !(distinctive && score >= 0.2) { continue }
            if score < 0.5 { score = 0.5 * score + 0.25 }
            // more question words on the same column is more evidence ("water area" over "water")
            let strongCount = Set(positions.filter { !isWeak(tokens[$0]) }.compactMap { concepts[$0] }).count
            score *= 1 + 0.12 * Double(max(0, strongCount - 1))
            if positions.contains(where: isOwnName) { score += 0.06 }
            // a column holding one value in every row ("25px" images) answers nothing
            if let d = col.info.distinctCount, d <= 1, table.info.rowCount > 2 { score *= 0.6 }
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
            let ownName = entry.col.concepts.count == 1 ? entry.col.concepts[0] : nil
            guard !kept.isEmpty, kept.contains(where: { !isWeak(tokens[$0]) || (concepts[$0] == ownName && entry.col.ownNameWords.contains(tokens[$0].word)) }) else { continue }
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

    func prefixMatch(_ c: String, _ concepts: [String]) -> Bool {
        concepts.contains { prefixPair($0, c) }
    }

    /// "precip"/"precipitation", "math"/"mathematic": one is a prefix of the other and the shorter has ≥ 4 letters.
    func prefixPair(_ a: String, _ b: String) -> Bool {
        let (s, l) = a.count <= b.count ? (a, b) : (b, a)
        guard s.count >= 4, s != l, l.hasPrefix(s) else { return false }
        // "math"/"mathematics" or "precip"/"precipitation", but not "elect"/"electorate"
        return Double(s.count) >= 0.6 * Double(l.count) || (s.count <= 4 && l.count >= 8)
    }

    // MARK: table

    func linkTableName(_ q: inout LinkedQuestion) {
        for i in q.tokens.indices where q.owners[i] == nil && q.tokens[i].kind == .word {
            if table.nameConcepts.contains(Synonyms.concept(ofStem: q.tokens[i].stem)) { q.owners[i] = .table }
        }
    }

    /// Re-derives owners after sorting value mentions.
    func reindex(_ q: inout LinkedQuestion) {
        for i in q.owners.indices { if case .value = q.owners[i] { q.owners[i] = nil } }
        for (idx, m) in q.valueMentions.enumerated() { for p in m.start..<m.end { q.owners[p] = .value(idx) } }
    }
}
