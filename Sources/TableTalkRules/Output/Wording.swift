/// Punctuation of the translator's messages in one place: sentences end in exactly one mark, quoted words are
/// listed without stray periods ("“x”." / "?." / "..").
enum Wording {
    /// The parts as sentences: each trimmed, given a period unless it already ends in `.`, `?` or `!`, joined
    /// with one space; empty parts are left out.
    static func sentences(_ parts: [String]) -> String {
        parts.map { $0.trimmingWhitespace }.filter { !$0.isEmpty }.map(sentence).joined(separator: " ")
    }

    /// One sentence ending in exactly one mark.
    static func sentence(_ text: String) -> String {
        var t = text.trimmingWhitespace
        while t.hasSuffix("..") { t.removeLast() }
        guard let last = t.last else { return t }
        return ".?!".contains(last) ? t : t + "."
    }

    /// “a”, “b”, “c”
    static func quotedList<S: Sequence>(_ words: S) -> String where S.Element == String {
        words.map { "“\($0)”" }.joined(separator: ", ")
    }

    /// "a", "a or b", "a, b or c"
    static func orList(_ items: [String]) -> String {
        items.count <= 1 ? (items.first ?? "") : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    /// The text without a closing question mark, period or exclamation mark (to append "in <table>").
    static func withoutClosingPunctuation(_ text: String) -> String {
        var t = text.trimmingWhitespace
        while let last = t.last, ".?!".contains(last) { t.removeLast() }
        return t.trimmingWhitespace
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines.
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
