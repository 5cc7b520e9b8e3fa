import Foundation

/// Folds text for matching: lower case, no diacritics, ASCII quotes and dashes, words split on punctuation.
///
/// Question tokens, column names and data values all go through the same folding, so "Hawai'i", "hawaii" and
/// "HAWAI'I" meet, as do "Sauber-Petronas" and "sauber petronas".
enum TextNormalizer {
    /// Lower-cased, diacritic-free text with typographic quotes and dashes made ASCII.
    static func fold(_ text: String) -> String {
        var ascii = true
        for u in text.utf8 where u >= 0x80 {
            ascii = false
            break
        }
        let base = ascii ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if ascii { return base }
        var out = String.UnicodeScalarView()
        for s in base.unicodeScalars {
            switch s.value {
            case 0x2018, 0x2019, 0x00B4, 0x0060, 0x02BB, 0x02BC, 0x02BE: out.append("'")
            case 0x201C, 0x201D: out.append("\"")
            case 0x2010...0x2015, 0x2212: out.append("-")
            case 0x00A0: out.append(" ")
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// The words of `text` after folding: letters and digits; apostrophes inside words are dropped ("hawai'i" →
    /// "hawaii") and a possessive "'s" is removed ("hook's" → "hook"). `&` becomes "and".
    static func words(_ text: String) -> [String] {
        let folded = fold(text)
        var words: [String] = []
        var current = ""
        let scalars = Array(folded.unicodeScalars)
        var i = 0
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        while i < scalars.count {
            let s = scalars[i]
            if isWordScalar(s) {
                current.unicodeScalars.append(s)
            } else if s == "'" && !current.isEmpty && i + 1 < scalars.count && isWordScalar(scalars[i + 1]) {
                // possessive 's at a word end, else an inner apostrophe (o'brien, hawai'i)
                let nextIsS = scalars[i + 1] == "s"
                let afterS = i + 2 < scalars.count ? scalars[i + 2] : " "
                if nextIsS && !isWordScalar(afterS) {
                    i += 2
                    flush()
                    continue
                }
            } else if s == "&" {
                flush()
                words.append("and")
            } else if s == "." && !current.isEmpty && current.unicodeScalars.allSatisfy({ isDigit($0) })
                && i + 1 < scalars.count && isDigit(scalars[i + 1])
            {
                current.unicodeScalars.append(s)  // decimal point inside a number
            } else {
                flush()
            }
            i += 1
        }
        flush()
        return words
    }

    /// Folded forms of words capitalised inside a sentence ("average salary in Tokyo" → ["tokyo"]), when the
    /// question is not written in capitals or title case throughout.
    static func properNouns(in text: String) -> Set<String> {
        let raw = text.split(whereSeparator: { !$0.isLetter && $0 != "'" })
        guard raw.count > 1 else { return [] }
        let capitalised = raw.filter { $0.first?.isUppercase == true }
        let allCaps = raw.filter { $0.count > 1 && $0.allSatisfy { $0.isUppercase } }
        if capitalised.count * 2 > raw.count || allCaps.count * 2 > raw.count { return [] }
        var out: Set<String> = []
        var sentenceStart = true
        for (i, w) in raw.enumerated() {
            defer { sentenceStart = false }
            if i == 0 || sentenceStart { continue }
            if w.first?.isUppercase == true && w.count > 1 { out.insert(fold(String(w))) }
        }
        return out
    }

    /// The matching key of a phrase: its words joined by single spaces.
    static func key(_ text: String) -> String { words(text).joined(separator: " ") }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 48 && v <= 57) || (v >= 97 && v <= 122) || (v >= 65 && v <= 90)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
}
