/// Splits SQL text into ``SQLToken``s (comments dropped), the way the engine that runs it reads it. An
/// unterminated string, quoted name or comment is an error: the statement cannot be checked, so it is refused.
/// Shared by the model-answer check (SQLite) and the Athena guard (Trino).
public enum SQLLexer {
    /// Where SQLite and Trino read the same text differently.
    public enum Dialect: Sendable, Hashable {
        /// Names in `"…"`, `` `…` `` and `[…]`; a `--` comment ends at a line feed.
        case sqlite
        /// Names only in `"…"`: `[` and `]` are subscripts and a backtick is a symbol of its own (Trino refuses
        /// backquoted names); a `--` comment ends at a carriage return or a line feed.
        case trino
    }

    public struct Unterminated: Error, Sendable { public let what: String }

    public static func tokens(_ sql: String, dialect: Dialect = .sqlite) throws(Unterminated) -> [SQLToken] {
        let nameQuotes: Set<Unicode.Scalar> = dialect == .sqlite ? ["\"", "`", "["] : ["\""]
        let lineEnds: Set<Unicode.Scalar> = dialect == .sqlite ? ["\n"] : ["\n", "\r"]
        let s = Array(sql.unicodeScalars)
        var out: [SQLToken] = []
        var i = 0
        func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || c.value > 127 }
        func isWordPart(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || ("0"..."9").contains(c) || c == "$" }
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace { i += 1; continue }
            if c == "-", i + 1 < s.count, s[i + 1] == "-" {
                while i < s.count, !lineEnds.contains(s[i]) { i += 1 }
                continue
            }
            if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                var j = i + 2
                while j + 1 < s.count, !(s[j] == "*" && s[j + 1] == "/") { j += 1 }
                guard j + 1 < s.count else { throw Unterminated(what: "comment") }
                i = j + 2
                continue
            }
            if c == "'" || nameQuotes.contains(c) {
                let close: Unicode.Scalar = c == "[" ? "]" : c
                var j = i + 1
                var text = String.UnicodeScalarView()
                var closed = false
                while j < s.count {
                    if s[j] == close {
                        if close != "]", j + 1 < s.count, s[j + 1] == close { text.append(close); j += 2; continue }
                        closed = true
                        break
                    }
                    text.append(s[j])
                    j += 1
                }
                guard closed else { throw Unterminated(what: c == "'" ? "string" : "quoted name") }
                out.append(SQLToken(kind: c == "'" ? .string : .quoted, text: String(text), start: i, end: j + 1))
                i = j + 1
                continue
            }
            if (c == "x" || c == "X"), i + 1 < s.count, s[i + 1] == "'" {
                var j = i + 2
                while j < s.count, s[j] != "'" { j += 1 }
                guard j < s.count else { throw Unterminated(what: "blob") }
                out.append(SQLToken(kind: .string, text: String(String.UnicodeScalarView(s[(i + 2)..<j])), start: i, end: j + 1))
                i = j + 1
                continue
            }
            if isWordStart(c) {
                var j = i
                while j < s.count, isWordPart(s[j]) { j += 1 }
                out.append(SQLToken(kind: .word, text: String(String.UnicodeScalarView(s[i..<j])), start: i, end: j))
                i = j
                continue
            }
            if ("0"..."9").contains(c) || (c == "." && i + 1 < s.count && ("0"..."9").contains(s[i + 1])) {
                var j = i
                while j < s.count, ("0"..."9").contains(s[j]) || s[j] == "." || s[j] == "_" || s[j].properties.isAlphabetic
                    || ((s[j] == "+" || s[j] == "-") && (s[j - 1] == "e" || s[j - 1] == "E"))
                {
                    j += 1
                }
                out.append(SQLToken(kind: .number, text: String(String.UnicodeScalarView(s[i..<j])), start: i, end: j))
                i = j
                continue
            }
            if c == "?" || c == ":" || c == "@" || c == "$" {
                var j = i + 1
                while j < s.count, isWordPart(s[j]) { j += 1 }
                out.append(SQLToken(kind: .parameter, text: String(String.UnicodeScalarView(s[i..<j])), start: i, end: j))
                i = j
                continue
            }
            let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
            if ["<=", ">=", "<>", "!=", "==", "||", "<<", ">>", "->"].contains(two) {
                if two == "->", i + 2 < s.count, s[i + 2] == ">" {
                    out.append(SQLToken(kind: .symbol, text: "->>", start: i, end: i + 3))
                    i += 3
                } else {
                    out.append(SQLToken(kind: .symbol, text: two, start: i, end: i + 2))
                    i += 2
                }
                continue
            }
            out.append(SQLToken(kind: .symbol, text: String(c), start: i, end: i + 1))
            i += 1
        }
        return out
    }
}
