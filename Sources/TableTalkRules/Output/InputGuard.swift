/// Screens a question before parsing: empty, too long, a request to change data, or not in English.
enum InputGuard {
    enum Issue: Sendable, Equatable {
        case empty
        case tooLong(limit: Int)
        case writeRequest(verb: String)
        case notEnglish
        case noWords
    }

    static func check(_ question: String, tokens: [Token], maxLength: Int) -> Issue? {
        if question.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return .empty }
        if question.utf8.count > maxLength { return .tooLong(limit: maxLength) }
        if looksForeign(question) { return .notEnglish }
        let words = tokens.filter { $0.kind == .word || $0.kind == .number || $0.kind == .quoted }
        if words.isEmpty { return .noWords }
        if let verb = writeVerb(tokens) { return .writeRequest(verb: verb) }
        return nil
    }

    /// "delete all rows", "drop table x", "update the prices", "insert into …".
    static func writeVerb(_ tokens: [Token]) -> String? {
        let words = tokens.map(\.word)
        // an imperative that changes data: "remove employees in London", "change the price of X to 5"
        var first = 0
        while first < words.count && ["please", "can", "could", "would", "you", "i", "want", "to", "need", "let", "us", "lets", "go", "ahead", "and"].contains(words[first]) { first += 1 }
        let imperative: Set<String> = Vocabulary.writeVerbs.union(["change", "add", "edit", "fix", "correct", "move", "merge", "split", "delete"])
        if first < words.count && imperative.contains(words[first]) && first + 1 < words.count { return words[first] }
        for (i, w) in words.enumerated() where Vocabulary.writeVerbs.contains(w) {
            let rest = words[(i + 1)...].prefix(4)
            if rest.contains(where: { Vocabulary.writeObjects.contains($0) || $0 == "from" || $0 == "into" })
                || ["delete", "drop", "truncate", "update", "insert", "alter", "erase", "wipe", "purge", "destroy"].contains(w) && (i == 0 || rest.isEmpty || words[max(0, i - 1)] == "please")
            {
                return w
            }
        }
        return nil
    }

    /// Mostly non-Latin letters, or function words of other languages and none of English.
    static func looksForeign(_ text: String) -> Bool {
        var latin = 0
        var other = 0
        for s in text.unicodeScalars where s.properties.isAlphabetic {
            if s.value < 0x250 { latin += 1 } else { other += 1 }
        }
        if other > latin { return true }
        let words = TextNormalizer.words(text)
        let foreign = words.filter { foreignWords.contains($0) }.count
        let english = words.filter { englishWords.contains($0) }.count
        return foreign >= 2 && english == 0
    }

    private static let foreignWords: Set<String> = [
        "el", "la", "los", "las", "de", "del", "que", "cuantos", "cuantas", "cual", "donde", "es", "por", "und",
        "der", "die", "das", "wie", "viele", "ist", "welche", "le", "les", "des", "est", "combien", "quel", "quelle",
        "une", "il", "di", "che", "quanti", "sono", "hay", "y", "o", "en", "con", "para", "nach", "mit", "pro",
    ]

    private static let englishWords: Set<String> = [
        "the", "what", "which", "who", "how", "many", "much", "is", "are", "was", "were", "of", "in", "by", "per",
        "and", "or", "average", "total", "number", "show", "list", "with", "for", "top", "most", "least", "did",
    ]
}
