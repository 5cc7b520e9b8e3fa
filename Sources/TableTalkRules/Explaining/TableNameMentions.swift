/// The whole name of a table written in a question ("sales 2023 2024", "sales_2023_2024", "Sales 2023-2024"):
/// its words, digits included, belong to the table and are not read as years, numbers, values or columns.
///
/// Runs after linking and before any parse pass; the linker's own ``SchemaLinker/linkTableName(_:)`` only marks
/// single words.
extension LinkedQuestion {
    /// Token ranges that spell the table's whole name, left to right, not overlapping.
    static func tableNameRuns(in tokens: [Token], table: TableProfile) -> [Range<Int>] {
        let name = TextNormalizer.words(table.name.replacingUnderscores)
        guard !name.isEmpty, tokens.count >= name.count else { return [] }
        let stems = name.map { Synonyms.concept(ofStem: Stemmer.stem($0)) }
        var runs: [Range<Int>] = []
        var i = 0
        while i + name.count <= tokens.count {
            let fits = name.indices.allSatisfy { k in
                let t = tokens[i + k]
                if t.word == name[k] { return true }
                return t.kind == .word && Synonyms.concept(ofStem: t.stem) == stems[k]
            }
            if fits {
                runs.append(i..<(i + name.count))
                i += name.count
            } else {
                i += 1
            }
        }
        return runs
    }

    /// Gives the tokens of the table's whole name to the table (taking them from column and value mentions when
    /// the name has several words); true when the whole name was found.
    mutating func claimTableName() -> Bool {
        let runs = Self.tableNameRuns(in: tokens, table: table)
        var claimed = false
        var droppedValues: Set<Int> = []
        for run in runs {
            // a one-word name only counts when nothing else explains the word ("sales" may be a column)
            if run.count == 1, let owner = owners[run.lowerBound], owner != .table { continue }
            claimed = true
            for p in run {
                switch owners[p] {
                case .column(let m)?: columnMentions[m].positions.removeAll { $0 == p }
                case .value(let v)?: droppedValues.insert(v)
                default: break
                }
                owners[p] = .table
            }
        }
        guard claimed else { return false }
        columnMentions.removeAll { $0.positions.isEmpty }
        valueMentions = valueMentions.enumerated().filter { !droppedValues.contains($0.offset) }.map(\.element)
        for p in owners.indices where owners[p] != .table { owners[p] = nil }
        for (m, mention) in columnMentions.enumerated() { for p in mention.positions { owners[p] = .column(m) } }
        for (v, mention) in valueMentions.enumerated() { for p in mention.start..<mention.end where owners[p] == nil { owners[p] = .value(v) } }
        return true
    }
}
