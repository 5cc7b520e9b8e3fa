/// Numbers written as words ("twenty-one", "a dozen") and ordinals ("first", "4th") in English. Words in
/// numbers.json.
enum NumberWords {
    /// Cardinal words and their values.
    static let cardinals: [String: Double] = Lexicon.shared.numbers.cardinals

    /// Ordinal words and their positions.
    static let ordinals: [String: Int] = Lexicon.shared.numbers.ordinals

    /// Cardinals that multiply what comes before ("two hundred").
    static let scales = Set(Lexicon.shared.numbers.scales)

    /// Cardinals that never continue a number already begun ("none", "once", "twice").
    static let standalone = Set(Lexicon.shared.numbers.standalone)

    /// Cardinals that end a number ("zero", and every standalone word).
    static let closing = Set(Lexicon.shared.numbers.closing)

    /// The value of a digit string with an optional ordinal suffix and thousands separators ("1,200", "4th",
    /// "2.5"), or nil.
    static func parseNumeral(_ word: String) -> (value: Double, ordinal: Bool)? {
        var digits = word
        var ordinal = false
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) && digits.count > 2 {
            digits.removeLast(2)
            ordinal = true
            break
        }
        digits.removeAll { $0 == "," }
        guard let first = digits.unicodeScalars.first, first.value >= 48 && first.value <= 57 else { return nil }
        guard let v = Double(digits) else { return nil }
        return (v, ordinal)
    }

    /// Combines consecutive number words ("twenty one", "two hundred") starting at `start` of `words`;
    /// returns the value and how many words it used.
    static func combine(_ words: [String], from start: Int) -> (value: Double, count: Int)? {
        var total = 0.0
        var current = 0.0
        var used = 0
        var i = start
        while i < words.count, let v = cardinals[words[i]] {
            let w = words[i]
            if standalone.contains(w) && used > 0 { break }
            if scales.contains(w) {
                current = max(current, 1) * v
                if v >= 1000 {
                    total += current
                    current = 0
                }
            } else if w == "dozen" {
                current = max(current, 1) * 12
            } else {
                current += v
            }
            used += 1
            i += 1
            if closing.contains(w) { break }
            if i < words.count && words[i] == "and" && i + 1 < words.count && cardinals[words[i + 1]] != nil
                && used > 0 && scales.contains(w)
            {
                i += 1
                used += 1
            }
        }
        return used > 0 ? (total + current, used) : nil
    }
}
