import TableTalkCore

/// Value mentions: exact (longest first), with function words skipped, by stem and synonym ("rainy" → Rain,
/// "girls" → F), and partial ("Cuba" of "Havana, Cuba").
extension SchemaLinker {

    func linkExactValues(_ q: inout LinkedQuestion, minLength: Int) {
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
                    while back > 0 && (tokens[back].word == "the" || LinkerWords.yearUnitNouns.contains(tokens[back].word)) { back -= 1 }
                    let afterComparator = back >= 0 && i > 0 && LinkerWords.comparisonEnds.contains(tokens[back].word)
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
    func linkValuesSkippingStopwords(_ q: inout LinkedQuestion) {
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

    func externalHits(_ key: String, _ n: Int) -> [ValueEntry]? {
        guard let lookup else { return nil }
        let found = lookup.columns(containing: key, in: table.name)
        guard !found.isEmpty else { return nil }
        return found.map { ValueEntry(column: $0.column, stored: $0.stored, key: key, words: key.split(separator: " ").map(String.init)) }
    }

    /// A single word that is a stopword, question word or cue is not taken as a value.
    func acceptable(_ tokens: [Token], _ span: Range<Int>) -> Bool {
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

    func linkStemAndSynonymValues(_ q: inout LinkedQuestion) {
        for i in q.tokens.indices where q.owners[i] == nil && q.tokens[i].kind == .word {
            let t = q.tokens[i]
            // "the US", "the UK": country abbreviations ("us" alone is a pronoun)
            if LinkerWords.countryAbbreviations.contains(t.word), !LinkerWords.pronounAbbreviations.contains(t.word) || (i > 0 && q.tokens[i - 1].word == "the"),
                let codes = ValueSynonyms.codes(for: t.word)
            {
                let hits = codes.flatMap { values.exact[$0] ?? [] }
                if !hits.isEmpty { add(&q, ValueMention(start: i, end: i + 1, hits: hits, score: 0.85, partial: false)) }
                continue
            }
            guard !Vocabulary.stopwords.contains(t.word), t.word.count > 2 else { continue }
            var stemHits = values.byStem[t.stem] ?? []
            if stemHits.isEmpty && t.stem.count >= 6, let first = t.word.first {
                // "democrats" for "Democratic": a one-word value that continues the word's stem
                stemHits = (values.byPrefix[t.stem.prefix(5)] ?? []).filter { e in
                    e.words[0].first == first && e.words[0].hasPrefix(t.stem) && Double(t.stem.count) >= 0.75 * Double(e.words[0].count)
                }
            }
            if !stemHits.isEmpty, Set(stemHits.map(\.column)).count <= 2 {
                let hits = stemHits
                add(&q, ValueMention(start: i, end: i + 1, hits: hits, score: 0.8, partial: false))
                continue
            }
            if let codes = ValueSynonyms.codes(for: t.word) {
                var hits = codes.flatMap { values.exact[$0] ?? [] }
                if hits.isEmpty {
                    // "Germany (GER)", "Berlin, Germany": a part of the value
                    let keys = Set(codes.map { $0.split(separator: " ").map(String.init) })
                    let candidates = Set(keys.compactMap(\.first).flatMap { values.byWord[$0] ?? [] })
                    hits = candidates.sorted().map { values.entries[$0] }.filter { e in e.parts.contains { keys.contains($0) } }
                    if Set(hits.map(\.column)).count > 1 || hits.count > 8 { hits = [] }
                }
                if !hits.isEmpty {
                    add(&q, ValueMention(start: i, end: i + 1, hits: hits, score: 0.8, partial: false))
                }
            }
        }
    }

    /// Words that are part of a stored value, when they single out few values of one column: a whole part
    /// ("Cuba" of "Havana, Cuba", "Japan" of "Japan (JPN)", "Peter Whitehead" of a two-line cell), a surname
    /// ("Barton" of "Edmund Barton"), or most of a part ("domination theater" of "The Domination Theater").
    func linkPartialValues(_ q: inout LinkedQuestion) {
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
                    && (isContentWord(tokens[j]) || tokens[j].kind == .number || LinkerWords.nameParticles.contains(tokens[j].word)) { j += 1 }
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
    func partialHits(_ words: [String]) -> ([ValueEntry], Double)? {
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
                } else if words.count == 1 && (2...3).contains(part.count) && part[0] == words[0] {
                    score = max(score, 0.55)  // "nuclear" for "Nuclear Energy": the head word, if no other value has it
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
        let limit = top.score >= 0.85 ? 5 : top.score >= 0.6 ? 2 : 1
        guard top.hits.count <= limit else { return nil }
        let others = best.values.filter { abs($0.score - top.score) <= 0.01 }
        // a lone head word is evidence only when one value of one column has it
        if top.score < 0.6 && others.count > 1 { return nil }
        return (others.count == 1 ? top.hits : others.flatMap(\.hits), top.score - (top.hits.count > 1 ? 0.05 : 0))
    }

    /// A column of names (people, teams): the last word of a value is a fair short name there.
    func namesPeople(_ column: String) -> Bool {
        guard let c = table.column(named: column) else { return false }
        return c.concepts.contains { PlanBuilder.personConcepts.contains($0) } || c.isUnique && c.index == table.columns.firstIndex(where: { $0.role == .text })
    }

    func containsRun(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for s in 0...(haystack.count - needle.count) where haystack[s] == needle[0] {
            if Array(haystack[s..<(s + needle.count)]) == needle { return true }
        }
        return false
    }

    func isContentWord(_ t: Token) -> Bool {
        t.kind == .word && t.word.count > 2 && !Vocabulary.stopwords.contains(t.word)
            && Vocabulary.superlatives[t.word] == nil && Vocabulary.comparatives[t.word] == nil
            && Adjectives.readings(ofStem: t.stem) == nil && Vocabulary.aggregates[t.word] == nil
            && !DateWords.isDateWord(t.word)
    }

    func add(_ q: inout LinkedQuestion, _ m: ValueMention) {
        let idx = q.valueMentions.count
        q.valueMentions.append(m)
        for p in m.start..<m.end { q.owners[p] = .value(idx) }
    }

}
