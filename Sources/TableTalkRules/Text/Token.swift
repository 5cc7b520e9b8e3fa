/// One unit of a question after tokenizing: a word, a number, a quoted phrase or a symbol.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case word, number, quoted, symbol }

    var kind: Kind
    /// Folded text (lower case, no diacritics); for quoted phrases, the inner text folded.
    var word: String
    /// Stem of `word` for linking (see ``Stemmer``).
    var stem: String
    /// Numeric value for numerals and number words.
    var number: Double?
    /// "4th", "fourth".
    var isOrdinal = false
    /// A numeral followed by "%" or "percent".
    var isPercent = false
    /// A decade such as "1990s" / "1990's".
    var isDecade = false
    /// A numeral written with digits (not a number word).
    var isNumeral = false
    /// Inner text of a quoted phrase, as typed.
    var original: String

    init(kind: Kind, word: String, original: String, number: Double? = nil) {
        self.kind = kind
        self.word = word
        self.stem = kind == .word ? Stemmer.stem(word) : word
        self.number = number
        self.original = original
    }

    /// A whole number between 1000 and 2999 written with digits (a plausible year).
    var isYear: Bool {
        guard isNumeral, !isOrdinal, !isPercent, let n = number, n == n.rounded() else { return false }
        return n >= 1000 && n <= 2999 && !original.contains(",")
    }

    /// The integer value, when the number is whole.
    var integer: Int? {
        guard let n = number, n == n.rounded(), abs(n) < 1e15 else { return nil }
        return Int(n)
    }
}
