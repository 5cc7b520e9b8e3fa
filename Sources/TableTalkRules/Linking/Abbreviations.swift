/// Abbreviated names: run-together words ("brainwt", "bodywt") split into dictionary words, and abbreviations
/// ("psavert" = personal saving rate, "uempmed" = unemployment median, "amt", "qty") matched against question
/// words piece by piece, each piece a letter subsequence of one word that starts with that word's first letter.
enum Abbreviations {
    /// Splits a run-together name into two or three words of the English word list (each ≥ 3 letters, or a
    /// known header abbreviation); nil when it cannot.
    static func segment(_ word: String) -> [String]? {
        let letters = Array(word)
        func isPart(_ p: String) -> Bool {
            (p.count >= 3 && EnglishWords.contains(p)) || (p.count >= 2 && Synonyms.schemaConcept(ofWord: p) != Stemmer.stem(p))
        }
        func split(_ start: Int, _ depth: Int) -> [String]? {
            if start == letters.count { return [] }
            guard depth < 3 else { return nil }
            for end in stride(from: letters.count, to: start + 1, by: -1) {
                let p = String(letters[start..<end])
                if isPart(p), let rest = split(end, depth + 1) { return [p] + rest }
            }
            return nil
        }
        guard let parts = split(0, 0), parts.count >= 2 else { return nil }
        return parts
    }

    /// The spellings of a question word an abbreviation may be cut from: the word, its stem, and for "-ing"
    /// words the verb with its "e" ("savings" → "save": `psavert`).
    static func forms(of t: Token) -> [String] {
        var out = [t.word, t.stem]
        for suffix in LinkerWords.suffixesDroppingE where t.word.hasSuffix(suffix) && t.word.count > suffix.count + 2 {
            out.append(String(t.word.dropLast(suffix.count)) + "e")
            break
        }
        return out
    }

    /// How much of `abbreviation` the given words cover (0…1) and which words did, trying pieces in order with
    /// at most one leading letter left over ("p" of "psavert" for "savings rate").
    static func cover(_ abbreviation: String, by words: [(index: Int, word: String)]) -> (fraction: Double, used: [Int]) {
        let a = Array(abbreviation)
        var best: (Int, [Int]) = (0, [])
        func subsequence(_ piece: ArraySlice<Character>, of w: [Character]) -> Bool {
            guard piece.first == w.first else { return false }
            var k = w.startIndex
            for ch in piece {
                guard let f = w[k...].firstIndex(of: ch) else { return false }
                k = f + 1
            }
            return true
        }
        func go(_ start: Int, _ covered: Int, _ used: [Int]) {
            if covered > best.0 || (covered == best.0 && used.count < best.1.count) { best = (covered, used) }
            guard start < a.count else { return }
            for (idx, w) in words where !used.contains(idx) {
                let chars = Array(w)
                guard chars.first == a[start] else { continue }
                // pieces of two letters or more, except a last single letter
                for end in stride(from: a.count, to: start, by: -1) where (end - start >= 2 || end == a.count) && subsequence(a[start..<end], of: chars) {
                    go(end, covered + (end - start), used + [idx])
                    break
                }
            }
        }
        go(0, 0, [])
        if a.count > 4 { go(1, 0, []) }
        return (Double(best.0) / Double(max(1, a.count)), best.1)
    }
}
