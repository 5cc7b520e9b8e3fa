/// Values stored abbreviated: "herbivores" → `herbi`, "asst profs" → `AsstProf`, "associate professor" →
/// `AssocProf`. Each word of the value begins the matching question word, and a short value word that is an
/// English word must still make up a good part of the question word ("prof" of "professors", not "art" of "artist").
extension SchemaLinker {
    func linkAbbreviatedValues(_ q: inout LinkedQuestion) {
        let tokens = q.tokens
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            guard q.owners[i] == nil, t.kind == .word, t.word.count >= 4, !Vocabulary.stopwords.contains(t.word) else { continue }
            var best: (entries: [ValueEntry], end: Int)?
            for k in stride(from: t.word.count, through: 3, by: -1) {
                let prefix = String(t.word.prefix(k))
                guard let ids = values.byWord[prefix] else { continue }
                // a whole first word only starts a longer value ("asst" of "asst prof"); alone it is an exact match
                for e in ids.map({ values.entries[$0] }) where e.words.first == prefix && (k == t.word.count ? e.words.count > 1 : abbreviates(prefix, t.word)) {
                    // the rest of the value's words begin the next question words
                    var end = i + 1
                    var ok = true
                    for w in e.words.dropFirst() {
                        let sameStem = end < tokens.count && Stemmer.stem(w) == tokens[end].stem
                        guard end < tokens.count, q.owners[end] == nil, sameStem || (tokens[end].word.hasPrefix(w) && (abbreviates(w, tokens[end].word) || w == tokens[end].word)) else {
                            ok = false
                            break
                        }
                        end += 1
                    }
                    guard ok else { continue }
                    if best == nil || end > best!.end { best = ([e], end) } else if end == best!.end && !best!.entries.contains(e) { best!.entries.append(e) }
                }
                if best != nil { break }
            }
            if let best, Set(best.entries.map(\.column)).count == 1, best.entries.count <= 3 {
                add(&q, ValueMention(start: i, end: best.end, hits: best.entries, score: 0.75, partial: false))
                i = best.end - 1
                continue
            }
            // "laptops" for "Laptop Pro 14": the plural of a value's first word, when few values start with it
            let starts = (values.byWord[t.stem] ?? []).map { values.entries[$0] }.filter { $0.words.count > 1 && $0.words[0] == t.stem && (t.word == t.stem + "s" || t.word == t.stem + "es") }
            // not after a counting phrase: "the total number of teams" counts rows, it does not mean "Team Lotus"
            let counted = i >= 2 && ((tokens[i - 2].word == "many" || LinkerWords.countNouns.contains(tokens[i - 2].word)) && ["of", "many"].contains(tokens[i - 1].word) || tokens[i - 1].word == "many")
            if !starts.isEmpty, starts.count <= 3, Set(starts.map(\.column)).count == 1, !counted {
                add(&q, ValueMention(start: i, end: i + 1, hits: starts, score: 0.7, partial: true))
            }
        }
    }

    /// A value word that begins a longer question word stands for it when it is not an English word, or makes up
    /// at least 40% of it.
    func abbreviates(_ value: String, _ word: String) -> Bool {
        guard value.count >= 3, word.count > value.count, word.hasPrefix(value) else { return false }
        // an abbreviation cuts a word short ("herbi" of "herbivores"); one letter short of the word is another
        // spelling or language ("Oper" is not "operas")
        let base = word.hasSuffix("s") ? String(word.dropLast()) : word
        if !EnglishWords.contains(value) { return Double(value.count) <= 0.75 * Double(base.count) }
        return Double(value.count) >= 0.4 * Double(word.count)
    }
}
