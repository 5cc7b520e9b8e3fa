import Foundation
import TableTalkCore

/// Repairs question words that are neither English nor known to the table before linking: British spellings
/// ("colours", "neighbourhoods") become the American ones of the word list, and a typo one edit away from exactly
/// one word the table or the lexicon knows ("avrage", "unemplyment", "datset") becomes that word.
struct SpellingRepair: Sendable {
    /// Words the table and the parser know: column words, value words, lexicon keys.
    let known: Set<String>

    init(table: TableProfile, values: TableValues) {
        var known = Set(values.byWord.keys)
        for c in table.columns {
            for w in TextNormalizer.words(c.info.name.replacingUnderscores + " " + c.info.label) { known.insert(w) }
            for w in c.nameParts { known.insert(w) }
        }
        for w in Vocabulary.aggregates.keys { known.insert(w) }
        for w in Vocabulary.superlatives.keys { known.insert(w) }
        for w in Vocabulary.comparatives.keys { known.insert(w) }
        known.formUnion(LinkerWords.alwaysKnownWords)
        self.known = known.filter { $0.count >= 3 }
    }

    func apply(_ input: [Token]) -> [Token] {
        // "4WD", "3D": a number and a word that together spell a value of the table are one word
        var tokens: [Token] = []
        for t in input {
            if t.kind == .word, let last = tokens.last, last.kind == .number, last.isNumeral, let n = last.integer, n >= 0,
                known.contains("\(n)\(t.word)")
            {
                tokens[tokens.count - 1] = Token(kind: .word, word: "\(n)\(t.word)", original: last.original + t.original)
                continue
            }
            tokens.append(t)
        }
        return tokens.map { t in
            guard t.kind == .word, t.word.count >= 4, !known.contains(t.word), !EnglishWords.contains(t.word) else { return t }
            if let fixed = american(t.word) ?? typo(t.word) {
                var r = Token(kind: .word, word: fixed, original: t.original)
                r.number = t.number
                return r
            }
            return t
        }
    }

    /// "colour" → "color", "neighbourhoods" → "neighborhoods", "organise" → "organize", "centre" → "center".
    func american(_ word: String) -> String? {
        let swaps: [(String, String)] = [("our", "or"), ("ise", "ize"), ("isation", "ization"), ("tre", "ter"), ("yse", "yze"), ("ogue", "og")]
        for (from, to) in swaps where word.contains(from) {
            let candidate = word.replacingOccurrences(of: from, with: to)
            if EnglishWords.contains(candidate) || known.contains(candidate) { return candidate }
        }
        return nil
    }

    /// The one known word one edit (insert, delete, substitute, swap) away, for words of five letters or more.
    func typo(_ word: String) -> String? {
        guard word.count >= 5, let first = word.first else { return nil }
        let letters = Array(word.utf8)
        func unique(_ candidates: some Sequence<String>) -> String?? {
            var found: String?
            for k in candidates where abs(k.count - word.count) <= 1 && SpellingRepair.oneEdit(letters, Array(k.utf8)) {
                if found != nil && found != k { return .some(nil) }
                found = k
            }
            return found.map { .some($0) }
        }
        // the table's and the parser's own words first, then the English word list
        if let hit = unique(known.lazy.filter { $0.first == first }) { return hit }
        if word.count >= 8, let hit = unique(EnglishWords.words(withPrefix: String(first))) { return hit }
        return nil
    }

    /// True when `a` and `b` differ by one insertion, deletion, substitution or transposition of neighbours.
    static func oneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return false }
        if a.count == b.count {
            let diffs = a.indices.filter { a[$0] != b[$0] }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]
        }
        let (s, l) = a.count < b.count ? (a, b) : (b, a)
        guard l.count == s.count + 1 else { return false }
        var i = 0
        while i < s.count && s[i] == l[i] { i += 1 }
        return s[i...] == l[(i + 1)...]
    }
}
