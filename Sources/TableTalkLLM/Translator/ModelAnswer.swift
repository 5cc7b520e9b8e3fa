import Foundation

/// What a model's reply says, read from the fixed format the prompt asks for (`MEANING: …`, a ```sql block, or
/// `CLARIFY: …`) and, failing that, from prose: the SQL statements it contains, its one-line restatement and
/// whether it declined. Extraction is lenient; ``SQLCheck`` is strict.
struct ModelAnswer: Sendable, Hashable {
    /// SQL candidates in reply order (fenced blocks, else the statement starting at the first SELECT/WITH).
    var sql: [String]
    /// The `MEANING:` line, when given.
    var meaning: String?
    /// The `CLARIFY:` line, when the model says it cannot answer.
    var clarification: String?

    init(reply: String) {
        meaning = Self.line(after: "MEANING:", in: reply)
        clarification = Self.line(after: "CLARIFY:", in: reply)
        let fenced = Self.sqlBlocks(Self.fencedBlocks(reply))
        sql = fenced.isEmpty ? Self.prose(reply).map { [$0] } ?? [] : fenced
    }

    /// The blocks that hold SQL: those tagged `sql`/`sqlite` when there are any, else those starting with a SQL
    /// keyword (a write too: it must be seen to be refused), else none (an example table or output is not SQL).
    static func sqlBlocks(_ blocks: [(tag: String, body: String)]) -> [String] {
        let tagged = blocks.filter { ["sql", "sqlite", "sqlite3"].contains($0.tag) }
        if !tagged.isEmpty { return tagged.map(\.body) }
        let words = SQLLanguage.shared
        return blocks.filter { block in
            let first = block.body.prefix { $0.isLetter || $0 == "_" }.lowercased()
            return words.keywords.contains(first) || words.writeWords.contains(first)
        }.map(\.body)
    }

    /// The rest of the first line starting with `tag` (case-insensitive), trimmed, or nil.
    static func line(after tag: String, in reply: String) -> String? {
        for raw in reply.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.uppercased().hasPrefix(tag) else { continue }
            let rest = line.dropFirst(tag.count).trimmingCharacters(in: .whitespaces)
            return rest.isEmpty ? nil : OneLine.clean(rest)
        }
        return nil
    }

    /// Contents of ``` blocks that hold anything, with their language tag (lower case, "" when none).
    static func fencedBlocks(_ reply: String) -> [(tag: String, body: String)] {
        var blocks: [(tag: String, body: String)] = []
        var current: (tag: String, lines: [Substring])?
        func close() {
            guard let c = current else { return }
            let body = c.lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !body.isEmpty { blocks.append((c.tag, body)) }
            current = nil
        }
        for raw in reply.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                if current != nil {
                    close()
                } else {
                    current = (line.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased(), [])
                }
            } else if current != nil {
                current?.lines.append(raw)
            }
        }
        close()  // an unclosed fence: take what follows it
        return blocks
    }

    /// Unfenced SQL: from the first word SELECT or WITH (outside the MEANING/CLARIFY lines) to the end of its
    /// paragraph, without a sentence's closing period.
    static func prose(_ reply: String) -> String? {
        let lines = reply.components(separatedBy: "\n").filter {
            let l = $0.trimmingCharacters(in: .whitespaces).uppercased()
            return !l.hasPrefix("MEANING:") && !l.hasPrefix("CLARIFY:")
        }
        let text = lines.joined(separator: "\n")
        guard let start = text.range(of: #"\bSELECT\b|\bWITH\s+(RECURSIVE\s+)?\w+(\s*\([^)]*\))?\s+AS\s*\("#, options: [.regularExpression, .caseInsensitive]) else {
            return nil
        }
        var rest = String(text[start.lowerBound...])
        if let blank = rest.range(of: #"\n\s*\n"#, options: .regularExpression) { rest = String(rest[..<blank.lowerBound]) }
        rest = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        // "… GROUP BY region. This shows …": a period followed by a sentence ends the statement
        if let stop = rest.range(of: #"\.\s+[A-Z][a-z]"#, options: .regularExpression) { rest = String(rest[..<stop.lowerBound]) }
        while rest.hasSuffix(".") || rest.hasSuffix("`") { rest.removeLast() }
        return rest.isEmpty ? nil : rest
    }
}

/// Text from a model or a user shown on one line: spaces and newlines collapsed, control characters dropped,
/// at most `limit` characters.
enum OneLine {
    static func clean(_ text: String, limit: Int = 240) -> String {
        let scalars = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) }
        let words = String(scalars).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count > limit ? String(words.prefix(limit - 1)) + "…" : words
    }
}
