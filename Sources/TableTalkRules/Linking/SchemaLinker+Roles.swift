/// Role words: "revenue", "paid", "payroll", "dollar value" stand for the table's one money column (`salary`,
/// `price`, `amount`) when no column is named by those words. A table with two money columns gets no guess.
extension SchemaLinker {
    /// The role in phrasings.json whose words stand for the table's one measure of any kind ("output", "volume").
    static let anyMeasureRole = "measure"

    func linkRoleWords(_ q: inout LinkedQuestion) {
        for (role, words) in Phrasings.roles.sorted(by: { $0.key < $1.key }) {
            let concepts = Set(words.map { Synonyms.concept(ofStem: Stemmer.stem($0)) })
            var fitting = table.columns.filter { c in
                (c.role == .number || c.role == .numericText) && c.concepts.contains { concepts.contains($0) }
            }
            if role == Self.anyMeasureRole {
                // "output", "production": the table's one numeric column that measures something
                let generic = LinkerWords.notMeasureColumnWords.map(Concept.key)
                fitting = table.columns.filter { c in c.role == .number && !c.concepts.contains { generic.contains($0) } && !c.isUnique }
            }
            // "sales" sum to an amount, not to a unit price: rates give way to totals
            if fitting.count > 1 { fitting = fitting.filter { !$0.isIntensive } }
            guard fitting.count == 1, let column = fitting.first else { continue }
            var i = 0
            while i < q.tokens.count {
                defer { i += 1 }
                guard q.owners[i] == nil, q.tokens[i].kind == .word, concepts.contains(Synonyms.concept(ofStem: q.tokens[i].stem)) || words.contains(q.tokens[i].word) else { continue }
                var positions = [i]
                while let next = positions.last.map({ $0 + 1 }), next < q.tokens.count, q.owners[next] == nil,
                    words.contains(q.tokens[next].word) || concepts.contains(Synonyms.concept(ofStem: q.tokens[next].stem))
                {
                    positions.append(next)
                }
                let idx = q.columnMentions.count
                q.columnMentions.append(ColumnMention(positions: positions, candidates: [ScoredColumn(column: column, score: 0.7)]))
                for p in positions { q.owners[p] = .column(idx) }
                i = positions.last!
            }
        }
        sortColumnMentions(&q)
    }

    /// "a passenger airbag": a word linked to a numeric column right before a text column whose values hold that
    /// word is that value ("Driver & Passenger"), not the Passengers column.
    func preferValuesBeforeTheirColumn(_ q: inout LinkedQuestion) {
        var drop: [Int] = []
        for (k, m) in q.columnMentions.enumerated() where m.positions.count == 1 && m.column.role.isNumeric {
            let p = m.positions[0]
            guard p + 1 < q.tokens.count, case .column(let next)? = q.owners[p + 1], q.columnMentions[next].column.role == .text else { continue }
            let text = q.columnMentions[next].column.name
            let word = q.tokens[p].word
            let hits = (values.byWord[word] ?? values.byWord[q.tokens[p].stem] ?? []).map { values.entries[$0] }.filter { $0.column == text }
            guard !hits.isEmpty, hits.count <= 3 else { continue }
            drop.append(k)
            q.owners[p] = nil
            add(&q, ValueMention(start: p, end: p + 1, hits: hits, score: 0.7, partial: true))
        }
        guard !drop.isEmpty else { return }
        setColumnMentions(q.columnMentions.enumerated().filter { !drop.contains($0.offset) }.map(\.element), in: &q)
        q.valueMentions.sort { $0.start < $1.start }
        reindex(&q)
    }

    /// "discipline B", "type A": a short word right after a text column's name is that column's value when the
    /// column holds it (the column word is the evidence a one-letter value needs).
    func linkValuesAfterTheirColumn(_ q: inout LinkedQuestion) {
        for m in q.columnMentions where m.column.role == .text || m.column.role == .booleanText {
            let p = m.end
            guard p < q.tokens.count, q.owners[p] == nil, q.tokens[p].kind == .word || q.tokens[p].kind == .number else { continue }
            let hits = (values.exact[q.tokens[p].word] ?? []).filter { $0.column == m.column.name }
            guard !hits.isEmpty else { continue }
            add(&q, ValueMention(start: p, end: p + 1, hits: hits, score: 0.9, partial: false))
        }
    }

    /// Keeps column mentions in question order (later passes read them that way) and their owners in step.
    func sortColumnMentions(_ q: inout LinkedQuestion) {
        let sorted = q.columnMentions.sorted { $0.start < $1.start }
        guard sorted.map(\.start) != q.columnMentions.map(\.start) else { return }
        setColumnMentions(sorted, in: &q)
    }

    /// Replaces the column mentions and points every token's owner at its mention's new index.
    func setColumnMentions(_ mentions: [ColumnMention], in q: inout LinkedQuestion) {
        q.columnMentions = mentions
        for i in q.owners.indices { if case .column = q.owners[i] { q.owners[i] = nil } }
        for (idx, m) in mentions.enumerated() { for p in m.positions { q.owners[p] = .column(idx) } }
    }
}
