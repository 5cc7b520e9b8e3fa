import Foundation
import TableTalkCore

/// Turns a translation and its result (or a clarification, or an error) into what `ask` prints.
struct AskOutputWriter: Sendable {
    let format: AskFormat
    /// Text format: also print how each part of the question was read (`--explain`).
    var explain = false

    func answer(_ t: Translation, result: QueryResult) -> AskOutput {
        let columns = result.columns.map(\.name)
        switch format {
        case .json:
            // keys in the documented order: sql, interpretation, columns, rows, understood, translator
            let body = "{\"sql\":\(encode(t.sql ?? "")),\"interpretation\":\(encode(t.interpretation)),"
                + "\"columns\":\(encode(columns)),\"rows\":\(encode(result.rows)),\"understood\":\(encode(t.understood)),"
                + "\"translator\":\(encode(t.translator))}"
            return AskOutput(stdout: body + "\n")
        case .values:
            let focus = min(t.plan?.focusIndex ?? 0, max(0, columns.count - 1))
            let values = result.rows.map { $0.indices.contains(focus) ? AnswerValue($0[focus]) : .null }
            return AskOutput(stdout: encode(values) + "\n")
        case .text:
            var out = t.interpretation + "\n"
            if let sql = t.sql { out += "SQL: \(sql)\n" }
            for alt in t.alternatives { out += "Note: \(alt)\n" }
            if explain { out += "\n" + UnderstoodTable.render(t.understood) }
            out += "\n" + TextTable.render(columns: columns, rows: result.rows, truncated: result.truncated)
            return AskOutput(stdout: out)
        }
    }

    func clarification(_ t: Translation) -> AskOutput {
        switch format {
        case .json:
            return AskOutput(stdout: errorObject(t.interpretation, t.suggestions, understood: t.understood), stderr: nil, exitCode: 2)
        case .values:
            return AskOutput(stdout: "[]\n", stderr: t.interpretation + "\n", exitCode: 2)
        case .text:
            var out = t.interpretation + "\n"
            if !t.suggestions.isEmpty { out += "You could ask:\n" + t.suggestions.map { "  - \($0)\n" }.joined() }
            if explain { out += "\n" + UnderstoodTable.render(t.understood) }
            return AskOutput(stdout: out, exitCode: 2)
        }
    }

    func error(_ message: String) -> AskOutput {
        switch format {
        case .json: return AskOutput(stdout: errorObject(message, []), exitCode: 1)
        case .values: return AskOutput(stdout: "[]\n", stderr: message + "\n", exitCode: 1)
        case .text: return AskOutput(stdout: "", stderr: "error: \(message)\n", exitCode: 1)
        }
    }

    /// `{"error": …, "suggestions": […]}` (and `"understood"` for a clarification) and a newline.
    private func errorObject(_ message: String, _ suggestions: [String], understood: [UnderstoodSpan]? = nil) -> String {
        let spans = understood.map { ",\"understood\":\(encode($0))" } ?? ""
        return "{\"error\":\(encode(message)),\"suggestions\":\(encode(suggestions))\(spans)}\n"
    }

    private func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{\"error\":\"could not encode the answer\"}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// One value of `--format values`: floats rounded, whole floats as integers, newlines in text as spaces.
enum AnswerValue: Encodable {
    case null, integer(Int64), real(Double), text(String)

    init(_ cell: CellValue) {
        switch cell {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d):
            if !d.isFinite { self = .null }
            else if abs(d - d.rounded()) < 1e-9 && abs(d) < 1e15 { self = .integer(Int64(d.rounded())) }
            else { self = .real((d * 1e6).rounded() / 1e6) }
        case .text(let s): self = .text(s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " "))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .integer(let i): try c.encode(i)
        case .real(let d): try c.encode(d)
        case .text(let s): try c.encode(s)
        }
    }
}

/// A plain aligned table for `--format text`.
enum TextTable {
    static func render(columns: [String], rows: [[CellValue]], truncated: Bool, maxRows: Int = 50) -> String {
        let shown = rows.prefix(maxRows).map { $0.map(cellText) }
        var widths = columns.map { min(40, $0.count) }
        for r in shown { for (i, v) in r.enumerated() where i < widths.count { widths[i] = min(40, max(widths[i], v.count)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, v in
                let w = i < widths.count ? widths[i] : v.count
                let cut = v.count > w ? String(v.prefix(w - 1)) + "…" : v
                return cut.padding(toLength: w, withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = line(columns) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for r in shown { out += line(r) + "\n" }
        let more = rows.count - shown.count
        if more > 0 || truncated { out += "… \(more > 0 ? "\(more) more rows" : "more rows not shown")\n" }
        out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
        return out
    }

    static func cellText(_ v: CellValue) -> String {
        switch v {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d): return ReadableNumber.text(d)
        case .text(let s): return s.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }
}
