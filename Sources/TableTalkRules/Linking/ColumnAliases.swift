import TableTalkCore

/// A principal's own names for a table's columns ("revenue" for `amount`), read as the column's name: before a
/// question is linked to the table, each stretch of it spelling a name (tokenised and stemmed like the question)
/// becomes one token per concept of the column's name, so it links exactly as the column's full name would, with
/// the same score. The tokens keep the user's word, so the name's own words never act as cues ("amount" of
/// `amount` also means "how many"; "revenue" for it does not).
struct ColumnAliases: Sendable {
    struct Entry: Sendable {
        /// Stems of the name's tokens.
        let stems: [String]
        let column: String
        /// The name as the user gave it ("revenue"), for restatements.
        let name: String
        /// Concept keys of the column's name and header words.
        let concepts: [String]
    }

    /// Longest names first, so "net sales" wins over "sales".
    let entries: [Entry]

    static let none = ColumnAliases(entries: [])

    init(entries: [Entry]) { self.entries = entries }

    /// - Parameter byColumn: column → names, for `columns` (names of other columns are ignored).
    init(_ byColumn: [String: [String]], columns: [ColumnProfile]) {
        var out: [Entry] = []
        for c in columns where !c.concepts.isEmpty {
            for name in byColumn[c.name] ?? [] {
                let stems = Tokenizer.tokenize(name).filter { $0.kind != .symbol }.map(\.stem)
                if !stems.isEmpty { out.append(Entry(stems: stems, column: c.name, name: name, concepts: c.concepts)) }
            }
        }
        entries = out.sorted { $0.stems.count > $1.stems.count }
    }

    /// The question with every name replaced by its column's concepts (the first replacement token keeps the
    /// words as typed, so explanations still find them in the question).
    func rewrite(_ tokens: [Token]) -> [Token] {
        guard !entries.isEmpty else { return tokens }
        var out: [Token] = []
        var i = 0
        while i < tokens.count {
            guard let (entry, length) = match(tokens, at: i) else {
                out.append(tokens[i])
                i += 1
                continue
            }
            let typed = tokens[i..<(i + length)].map(\.original).joined(separator: " ")
            let word = tokens[i + length - 1].word
            for (k, concept) in entry.concepts.enumerated() {
                var t = Token(kind: .word, word: word, original: k == 0 ? typed : "")
                t.stem = concept
                out.append(t)
            }
            i += length
        }
        return out
    }

    /// Column → the name the question used for it ("amount" → "revenue").
    func used(in tokens: [Token]) -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        while i < tokens.count {
            if let (entry, length) = match(tokens, at: i) {
                if out[entry.column] == nil { out[entry.column] = entry.name }
                i += length
            } else {
                i += 1
            }
        }
        return out
    }

    private func match(_ tokens: [Token], at i: Int) -> (Entry, Int)? {
        for e in entries where i + e.stems.count <= tokens.count {
            let stretch = tokens[i..<(i + e.stems.count)]
            if stretch.allSatisfy({ $0.kind == .word || $0.kind == .number }) && stretch.map(\.stem) == e.stems {
                return (e, e.stems.count)
            }
        }
        return nil
    }
}
