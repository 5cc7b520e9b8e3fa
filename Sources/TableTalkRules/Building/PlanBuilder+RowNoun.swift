import TableTalkCore

/// The noun a question uses for the table's rows ("how many *animals* …", "the oldest *victim*", "all *cars*
/// except …"): not a column or a value, but not a word to ignore either. One such noun (the same stem wherever it
/// appears) is explained as "the rows"; two different unlinked nouns stay unexplained.
extension PlanBuilder {
    /// Determiners and quantifiers after which a noun names things counted or ranked.
    static let rowNounLeaders = Phrasings.rowNounLeaders

    /// "which order has the most animals": a text column is asked for, so a plural after "most" counts its rows.
    var countsRowsPerGroup: Bool {
        guard let q = s.questionWord, ["which", "what"].contains(q.word), let m = s.q.columnMention(at: q.pos + 1) else { return false }
        return s.column(m).role == .text
    }

    /// A leftover word that may change the answer: a noun, an adjective or a number; not a story verb ("won",
    /// "drafted"), not a unit after a number ("93 sq km"). After a determiner an -ing word is a noun ("the meaning").
    func isUnplaced(_ i: Int) -> Bool {
        let t = s.tokens[i]
        // a unit: of a number ("93 sq km"), of a column ("hours of sleep"), or of the answer ("…, in weeks")
        if t.kind == .word && Units.unit(t.word) != nil {
            if s.tok(i - 1)?.kind == .number || Units.unit(s.w(i - 1)) != nil { return false }
            if s.w(i + 1) == "of", s.q.columnMention(at: i + 2) != nil { return false }
            if i == s.tokens.count - 1 || (i == s.tokens.count - 2 && s.tokens[i + 1].kind == .symbol) { return false }
        }
        // "do not house males", "did not win": after a negated auxiliary the word is a verb that tells the story
        if s.w(i - 1) == "not", ["do", "does", "did"].contains(s.w(i - 2)), t.kind == .word { return false }
        let noun = PlanBuilder.determiners.contains(s.w(i - 1))
        // "how many american made cars": a word before the row noun qualifies it; it is not the subject
        let beforeRowNoun = s.rowNoun.map { r in (i + 1...i + 2).contains { s.w($0) == r } } ?? false
        let place = ValueSynonyms.codes(for: t.word) != nil
        return (unexplainedWeight(t) < 0.8 || noun) && (!isSubjectNoun(i) || beforeRowNoun || place)
    }

    static let determiners = Phrasings.determiners

    mutating func claimRowNoun() {
        defer {
            // "how many orders …": the counted noun names the rows in the restatement even when it needs no claim
            if s.rowNoun == nil, let c = s.countAt, let t = s.tok(c + 2), t.kind == .word, s.q.owners[c + 2] == nil, t.word.hasSuffix("s"), t.stem != t.word,
                !ParseState.fillers.contains(t.word), !Vocabulary.stopwords.contains(t.word)
            {
                s.rowNoun = t.original
            }
        }
        var candidates: [Int] = []
        for i in s.unexplained {
            let t = s.tokens[i]
            guard t.kind == .word, t.word.count >= 3, !s.properNouns.contains(t.word) else { continue }
            if t.word.hasSuffix("ing") || t.word.hasSuffix("ed") || PlanBuilder.contextVerbs.contains(t.word) { continue }
            // "the cutest", "the bigger": an adjective's degree is not a noun
            if (t.word.hasSuffix("est") || t.word.hasSuffix("er")) && t.stem != t.word { continue }
            // the noun after "which"/"what" asks for an attribute, not for the rows
            if let q = s.questionWord, q.pos + 1 == i, ["which", "what"].contains(q.word) { continue }
            // a word close to the table's data ("australians" beside "Australia") may be a filter we missed
            // "germans", "americans": people of a place are a condition, not the rows
            if ValueSynonyms.codes(for: t.word) != nil || ValueSynonyms.codes(for: t.stem) != nil { continue }
            let head = String(t.stem.prefix(5))
            if head.count == 5, s.q.vocabulary.contains(where: { $0.hasPrefix(head) }) { continue }
            // "the total number of teams" over a whole table: the rows may be something else (entries, matches);
            // counting them needs the noun to be the table's own or a condition to narrow them
            if let c = s.countAt, (c + 1...c + 3).contains(i), s.filters.isEmpty, s.usedValues.isEmpty { continue }
            // "revenue of unicorns": what follows "<column> of" qualifies that column unless a condition says which
            // rows are meant ("horsepower of cars priced under $15k")
            if s.w(i - 1) == "of", s.q.columnMention(at: i - 2) != nil, s.filters.isEmpty, s.usedValues.isEmpty { continue }
            // "total takings", "average of the scores": what an aggregate word governs is a measure we could not
            // link, never the rows
            var k = i - 1
            while ["of", "the", "a", "an"].contains(s.w(k)) { k -= 1 }
            if Vocabulary.aggregates[s.w(k)] != nil || s.aggregateCues.contains(where: { $0.pos == k }) { continue }
            let plural = t.word.hasSuffix("s") && t.stem != t.word && !t.word.hasSuffix("ss")
            var ledByValue = false
            if i > 0, case .value = s.q.owners[i - 1] { ledByValue = true }  // "midsize car", "female victims"
            let led = PlanBuilder.rowNounLeaders.contains(s.w(i - 1)) || s.tok(i - 1)?.kind == .number || ledByValue
            if plural || led { candidates.append(i) }
        }
        let stems = Set(candidates.map { s.tokens[$0].stem })
        guard stems.count == 1, let stem = stems.first else { return }
        // when other words are unplaced too the question is not understood: name them all
        let others = s.unexplained.filter { s.tokens[$0].stem != stem && isUnplaced($0) }
        guard others.isEmpty else { return }
        // every unexplained occurrence of that stem is the row noun
        for i in s.unexplained where s.tokens[i].stem == stem { s.use(i) }
        s.rowNoun = s.tokens[candidates[0]].word
    }
}
