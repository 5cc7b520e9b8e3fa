import Foundation
import TableTalkProtocol

/// Renders rows as a GitHub-flavoured markdown table, the readable text that goes with a structured result.
enum MarkdownTable {
    /// A table with a header row; cells are escaped (`|`, newlines) and cut at `maxCell` characters.
    static func render(header: [String], rows: [[String]], maxCell: Int = 80) -> String {
        guard !header.isEmpty else { return "" }
        var lines = ["| " + header.map { cell($0, maxCell) }.joined(separator: " | ") + " |"]
        lines.append("|" + String(repeating: " --- |", count: header.count))
        for row in rows {
            let padded = row + Array(repeating: "", count: max(0, header.count - row.count))
            lines.append("| " + padded.prefix(header.count).map { cell($0, maxCell) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// The text of one result value: numbers as written, null as empty.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? ""
        }
    }

    private static func cell(_ s: String, _ maxCell: Int) -> String {
        var t = s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        if t.count > maxCell { t = String(t.prefix(maxCell - 1)) + "…" }
        return t
    }
}

