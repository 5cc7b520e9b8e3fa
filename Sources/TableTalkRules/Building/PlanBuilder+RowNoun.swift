import TableTalkCore

/// The noun a question uses for the table's rows ("how many *animals* …", "the oldest *victim*", "all *cars*
/// except …"): not a column or a value, but not a word to ignore either. One such noun (the same stem wherever it
/// appears) is explained as "the rows"; two different unlinked nouns stay unexplained.
extension PlanBuilder {
    /// Determiners and quantifiers after which a noun names things counted or ranked.
    static let rowNounLeaders: Set<String> = ["the", "all", "these", "those", "of", "many", "most", "each", "every", "any", "no", "other", "more", "fewer", "less", "than", "some"]

    mutating func claimRowNoun() {
        var candidates: [Int] = []
        for i in s.unexplained {
            let t = s.tokens[i]
            guard t.kind == .word, t.word.count >= 3, !s.properNouns.contains(t.word) else { continue }
            if t.word.hasSuffix("ing") || t.word.hasSuffix("ed") || PlanBuilder.contextVerbs.contains(t.word) { continue }
            // the noun after "which"/"what" asks for an attribute, not for the rows
            if let q = s.questionWord, q.pos + 1 == i, ["which", "what"].contains(q.word) { continue }
            // a word close to the table's data ("australians" beside "Australia") may be a filter we missed
            let head = String(t.stem.prefix(5))
            if head.count == 5, s.q.vocabulary.contains(where: { $0.hasPrefix(head) }) { continue }
            // "total takings", "average of the scores": what an aggregate word governs is a measure we could not
            // link, never the rows
            var k = i - 1
            while ["of", "the", "a", "an"].contains(s.w(k)) { k -= 1 }
            if Vocabulary.aggregates[s.w(k)] != nil || s.aggregateCues.contains(where: { $0.pos == k }) { continue }
            let plural = t.word.hasSuffix("s") && t.stem != t.word && !t.word.hasSuffix("ss")
            let led = PlanBuilder.rowNounLeaders.contains(s.w(i - 1)) || s.tok(i - 1)?.kind == .number
            if plural || led { candidates.append(i) }
        }
        let stems = Set(candidates.map { s.tokens[$0].stem })
        guard stems.count == 1, let stem = stems.first else { return }
        // when other words are unplaced too the question is not understood: name them all
        let others = s.unexplained.filter { s.tokens[$0].stem != stem && !PlanBuilder.contextVerbs.contains(s.tokens[$0].word) && !isSubjectNoun($0) }
        guard others.isEmpty else { return }
        // every unexplained occurrence of that stem is the row noun
        for i in s.unexplained where s.tokens[i].stem == stem { s.use(i) }
        s.rowNoun = s.tokens[candidates[0]].word
    }
}
