/// Numbers written as words ("twenty-one", "a dozen") and ordinals ("first", "4th") in English.
enum NumberWords {
    /// Cardinal words and their values.
    static let cardinals: [String: Double] = [
        "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
        "twice": 2, "once": 1, "thrice": 3,
    ]

    /// Ordinal words and their positions.
    static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
        "twentieth": 20, "thirtieth": 30,
    ]

    static let scales: Set<String> = ["hundred", "thousand", "million", "billion"]

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
            if ["none", "once", "twice", "thrice"].contains(w) && used > 0 { break }
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
            if ["none", "once", "twice", "thrice", "zero"].contains(w) { break }
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
