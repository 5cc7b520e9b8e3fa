import TableTalkCore
import TableTalkProtocol

/// The plain-words `text` of an answer: the result in a sentence, a clarification, or what went wrong.
enum AnswerWording {
    static func result(_ r: ChatResult, interpretation: String) -> String {
        let lead = interpretation.isEmpty ? "Result" : interpretation
        if r.rowCount == 0 { return "\(lead): no rows match." }
        if r.rowCount == 1 && r.columns.count == 1, let v = r.rows.first?.first {
            return "\(lead): \(display(v))."
        }
        let rows = r.rowCount == 1 ? "1 row" : "\(r.rowCount) rows"
        return r.truncated ? "\(lead): showing the first \(rows); there are more." : "\(lead): \(rows)."
    }

    /// The translator's own explanation when it gave one (it says what it understood and what is missing),
    /// followed by its first suggestion.
    static func clarification(interpretation: String, suggestions: [String]) -> String {
        var text = interpretation.isEmpty ? "I'm not sure what you mean." : interpretation
        if let first = suggestions.first, !text.contains(first) {
            if !(text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("!")) { text += "." }
            text += " Did you mean “\(first)”?"
        }
        return text
    }

    /// Said before the answer to a question asked again after a clarification taught a word.
    static func learned(_ l: ClarificationReply.Learned) -> String {
        "Noted: in \(l.table), “\(l.word)” means \(l.column)."
    }

    static let noTables = "You have no tables yet. Upload a CSV file first, then ask about it."

    /// Explains an error from the translator or engine without jargon; the technical message stays in `error`.
    static func failure(_ e: TableTalkError) -> String {
        switch e.kind {
        case .sqlNotAllowed:
            return "I can't run that: only read-only queries on your own tables are allowed. \(e.message)"
        case .multipleStatements:
            return "I can run only one SQL statement at a time."
        case .sqlSyntax:
            return "That SQL has a syntax error: \(e.message)"
        case .tableNotFound:
            return "That table does not exist (any more). \(e.message)"
        case .columnNotFound:
            return "That column does not exist. \(e.message)"
        case .queryTimeout:
            return "The query took too long and was stopped. Try narrowing it down (a filter, fewer groups)."
        case .translatorUnavailable:
            return "The question could not be translated right now: \(e.message)"
        default:
            return "Something went wrong answering that: \(e.message)"
        }
    }

    static func display(_ v: JSONValue) -> String {
        switch v {
        case .null: return "nothing (empty)"
        case .int(let i): return String(i)
        case .double(let d):
            if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
            return String(format2(d))
        case .string(let s): return s
        case .bool(let b): return b ? "yes" : "no"
        default: return "\(v)"
        }
    }

    private static func format2(_ d: Double) -> String {
        // Up to 4 significant decimals, without trailing zeros.
        var s = String((d * 10_000).rounded() / 10_000)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
