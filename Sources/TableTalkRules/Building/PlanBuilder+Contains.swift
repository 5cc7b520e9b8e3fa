import TableTalkCore

/// Text searches: `products whose name contains "Pro"`, "customers with 'gmbh' in the name", "titles starting
/// with Love" — a case-insensitive substring filter on the named text column (or the table's label column).
extension PlanBuilder {
    static let containsWords: Set<String> = BuilderWords.containsVerbs

    mutating func parseContains() {
        for i in s.tokens.indices where !s.used[i] {
            let word = s.w(i)
            var needleAt: Int?
            if Self.containsWords.contains(word) {
                needleAt = i + 1
            } else if BuilderWords.affixVerbs.contains(word), s.w(i + 1) == "with" {
                needleAt = i + 2
            } else if ["with", "have", "has", "had"].contains(word), let t = s.tok(i + 1), t.kind == .quoted || t.kind == .word, s.w(i + 2) == "in",
                t.kind == .quoted || s.q.columnMention(at: i + 3) != nil || s.q.columnMention(at: i + 4) != nil || BuilderWords.nameFieldNouns.contains(s.w(i + 4))
            {
                needleAt = i + 1  // with "gmbh" in the name, have VVS in the clarity grade
            }
            guard let n = needleAt, let t = s.tok(n), t.kind == .quoted || (t.kind == .word && !Vocabulary.stopwords.contains(t.word)) else { continue }
            // a whole value after "contains" is still a substring search; an exact value elsewhere is not taken here
            if case .value(let v) = s.q.owners[n] {
                let vm = s.q.valueMentions[v]
                guard t.kind == .quoted || vm.partial || Self.containsWords.contains(word) else { continue }
                s.usedValues.insert(v)
            } else if s.q.owners[n] != nil && t.kind != .quoted {
                continue
            }
            // the column: a text mention right before the verb ("name contains"), after "in the" ("in the name"), else the label
            var column: ColumnProfile?
            if let m = s.nearestMention(to: i, maxDistance: 4, { s.roles[$0] == nil && s.column($0).role == .text }) {
                column = s.column(m)
                s.setRole(m, .filter)
            }
            column = column ?? labelColumn()
            guard let c = column else { continue }
            let needle = t.kind == .quoted ? t.original : t.original
            s.addFilter(PlanFilter(.column(c.name), .contains, [.text(needle)], phrase: "\(c.label.lowercased()) contains “\(needle)”"), at: i)
            s.use(i...n)
            if needleAt == i + 2 { s.use(i + 1) }
            if needleAt == i + 1, s.w(i + 2) == "in" { s.use((i + 2)...min(s.tokens.count - 1, i + 4)) }
        }
    }
}
