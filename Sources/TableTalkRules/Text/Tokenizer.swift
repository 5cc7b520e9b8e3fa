/// Splits a question into ``Token``s: quoted phrases stay whole, numbers keep their value (digits, "1,200",
/// "4th", "90%", "twenty-one"), words are folded and stemmed.
enum Tokenizer {
    static func tokenize(_ question: String) -> [Token] {
        var raw: [Token] = []
        let scalars = Array(TextNormalizer.fold(question).unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\"" {
                // a quoted phrase up to the closing quote
                var j = i + 1
                while j < scalars.count && scalars[j] != "\"" { j += 1 }
                let inner = String(String.UnicodeScalarView(scalars[(i + 1)..<min(j, scalars.count)]))
                let folded = TextNormalizer.key(inner)
                if !folded.isEmpty { raw.append(Token(kind: .quoted, word: folded, original: inner)) }
                i = j + 1
                continue
            }
            if TextNormalizer.isDigit(s) || (s == "." && i + 1 < scalars.count && TextNormalizer.isDigit(scalars[i + 1])) {
                var j = i
                var text = ""
                while j < scalars.count {
                    let c = scalars[j]
                    if TextNormalizer.isDigit(c) || c == "." && j + 1 < scalars.count && TextNormalizer.isDigit(scalars[j + 1]) {
                        text.unicodeScalars.append(c)
                    } else if c == "," && j + 3 < scalars.count && (j + 1...j + 3).allSatisfy({ TextNormalizer.isDigit(scalars[$0]) })
                        && (j + 4 >= scalars.count || !TextNormalizer.isDigit(scalars[j + 4]))
                    {
                        text.unicodeScalars.append(c)
                    } else {
                        break
                    }
                    j += 1
                }
                // suffix letters: ordinals, decades, units glued to the number ("50kph", "1990s")
                var suffix = ""
                var k = j
                while k < scalars.count && TextNormalizer.isWordScalar(scalars[k]) && !TextNormalizer.isDigit(scalars[k]) {
                    suffix.unicodeScalars.append(scalars[k])
                    k += 1
                }
                if suffix.isEmpty && k + 1 < scalars.count && scalars[k] == "'" && scalars[k + 1] == "s" {
                    suffix = "s"
                    k += 2
                }
                let negative = isNegativeSign(scalars, at: i)
                var token = Token(kind: .number, word: text, original: text)
                token.isNumeral = true
                if let parsed = NumberWords.parseNumeral(text) { token.number = negative ? -parsed.value : parsed.value }
                if token.number == nil {
                    i = j
                    continue
                }
                var rest: String? = nil
                switch suffix {
                case "": break
                case "st", "nd", "rd", "th": token.isOrdinal = true
                case "s" where text.count == 4: token.isDecade = true
                case "k": token.number = token.number.map { $0 * 1000 }
                case "m" where false: break
                default: rest = suffix  // a glued unit becomes its own word
                }
                raw.append(token)
                if let rest { raw.append(Token(kind: .word, word: rest, original: rest)) }
                i = k
                continue
            }
            if TextNormalizer.isWordScalar(s) {
                var j = i
                var text = ""
                while j < scalars.count {
                    let c = scalars[j]
                    if TextNormalizer.isWordScalar(c) {
                        text.unicodeScalars.append(c)
                    } else if c == "'" && j + 1 < scalars.count && TextNormalizer.isWordScalar(scalars[j + 1]) {
                        if scalars[j + 1] == "s" && (j + 2 >= scalars.count || !TextNormalizer.isWordScalar(scalars[j + 2])) {
                            j += 2  // possessive
                            break
                        }
                        if scalars[j + 1] == "t" && text.hasSuffix("n") {  // don't, didn't, wasn't
                            text.removeLast()
                            raw.append(Token(kind: .word, word: text, original: text))
                            text = "not"
                            j += 2
                            break
                        }
                    } else {
                        break
                    }
                    j += 1
                }
                raw.append(Token(kind: .word, word: text, original: text))
                i = j
                continue
            }
            switch s {
            case "%":
                if let last = raw.indices.last, raw[last].kind == .number { raw[last].isPercent = true }
                else { raw.append(Token(kind: .word, word: "percent", original: "%")) }
            case "$", "€", "£", "¥": break
            case "#": raw.append(Token(kind: .word, word: "number", original: "#"))
            case "&": raw.append(Token(kind: .word, word: "and", original: "&"))
            case "<", ">", "=", "≥", "≤":
                var sym = String(s)
                if i + 1 < scalars.count && scalars[i + 1] == "=" {
                    sym += "="
                    i += 1
                }
                raw.append(Token(kind: .symbol, word: sym, original: sym))
            default: break
            }
            i += 1
        }
        // quoted phrases keep the user's spelling (case, accents) for contains-filters and messages
        let originals = quotedSegments(question)
        if originals.count == raw.filter({ $0.kind == .quoted }).count {
            var k = 0
            for i in raw.indices where raw[i].kind == .quoted {
                raw[i].original = originals[k]
                k += 1
            }
        }
        return mergeNumberWords(raw)
    }

    /// The inner texts of double-quoted phrases, as typed.
    private static func quotedSegments(_ text: String) -> [String] {
        var out: [String] = []
        var current: String?
        for ch in text {
            if ch == "\"" || ch == "“" || ch == "”" {
                if let c = current {
                    if !TextNormalizer.key(c).isEmpty { out.append(c) }
                    current = nil
                } else {
                    current = ""
                }
            } else if current != nil {
                current!.append(ch)
            }
        }
        if let c = current, !TextNormalizer.key(c).isEmpty { out.append(c) }
        return out
    }

    private static func isNegativeSign(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i > 0, scalars[i - 1] == "-" else { return false }
        return i == 1 || scalars[i - 2] == " " || scalars[i - 2] == "("
    }

    /// Turns number words into numbers ("twenty one" → 21, "third" → ordinal 3, "90 percent" → 90%).
    private static func mergeNumberWords(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        let words = tokens.map { $0.kind == .word ? $0.word : "" }
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .word {
                if let ord = NumberWords.ordinals[t.word] {
                    var n = Token(kind: .number, word: t.word, original: t.original, number: Double(ord))
                    n.isOrdinal = true
                    out.append(n)
                    i += 1
                    continue
                }
                if NumberWords.cardinals[t.word] != nil, !isPronounOne(words, i),
                    let (value, count) = NumberWords.combine(words, from: i)
                {
                    let text = words[i..<(i + count)].joined(separator: " ")
                    // "a million" / "2 million": scale a preceding numeral
                    if count == 1, NumberWords.scales.contains(t.word), let last = out.indices.last,
                        out[last].kind == .number, let prior = out[last].number
                    {
                        out[last].number = prior * value
                        i += 1
                        continue
                    }
                    out.append(Token(kind: .number, word: text, original: text, number: value))
                    i += count
                    continue
                }
                if (t.word == "percent" || t.word == "pct") && !out.isEmpty && out[out.count - 1].kind == .number {
                    out[out.count - 1].isPercent = true
                    i += 1
                    continue
                }
            }
            out.append(t)
            i += 1
        }
        return out
    }

    /// "one" used as a pronoun ("which one", "the one", "each one", "no one").
    private static func isPronounOne(_ words: [String], _ i: Int) -> Bool {
        guard words[i] == "one" else { return false }
        if i > 0, ["which", "the", "each", "any", "no", "every", "this", "that", "someone", "anyone"].contains(words[i - 1]) {
            return true
        }
        if i + 1 < words.count, ["of"].contains(words[i + 1]) { return i > 0 && words[i - 1] != "only" && words[i - 1] != "than" }
        return false
    }
}
