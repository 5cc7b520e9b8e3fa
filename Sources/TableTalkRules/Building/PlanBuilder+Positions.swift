import TableTalkCore

/// Row positions in the file: "the first …", "the last …", "who came after X", "previous to X".
extension PlanBuilder {
    static let afterWords: Set<String> = BuilderWords.afterWords
    static let beforeWords: Set<String> = BuilderWords.beforeWords

    /// "after X" / "before X" where X is a value: the neighbouring row. The anchor word stands right before the
    /// value ("after Abraham Lincoln", "previous to the Kremlin Cup").
    mutating func parseNeighbours() {
        // "“Boxing Helena” came immediately before what episode?": the row after the value
        for v in s.freeValues {
            let vm = s.q.valueMentions[v]
            var p = vm.end
            while BuilderWords.neighbourVerbs.contains(s.w(p)) { p += 1 }
            let word = s.w(p)
            guard Self.afterWords.contains(word) || Self.beforeWords.contains(word), ["what", "which", "who", "whom"].contains(s.w(p + 1)) || ["what", "which", "who", "whom"].contains(s.w(p + 2)) else { continue }
            let col = valueColumn(v)
            let stored = storedValues(v, in: col).first ?? ""
            // X came before Y → Y is after X
            s.position = Self.beforeWords.contains(word) ? .after(column: col, value: stored) : .before(column: col, value: stored)
            s.usedValues.insert(v)
            s.use(vm.end...p)
            return
        }
        for v in s.freeValues {
            let vm = s.q.valueMentions[v]
            var p = vm.start - 1
            while p >= 0 && BuilderWords.neighbourValueLeaders.contains(s.w(p)) && vm.start - p <= 3 { p -= 1 }
            guard p >= 0, !s.used[p] else { continue }
            let word = s.w(p)
            let isAfter = Self.afterWords.contains(word)
            let isBefore = Self.beforeWords.contains(word)
            guard isAfter || isBefore else { continue }
            // "over"/"under" are comparisons unless the question is about places in a list
            if ["over", "under"].contains(word) && s.find(anyOf: BuilderWords.placingWords) == nil { continue }
            let col = valueColumn(v)
            let stored = storedValues(v, in: col).first ?? ""
            if s.superlative != nil || s.limitDirection != nil {
                // "the most medals after Russia": leave Russia out, and rank below it when "next" says so
                s.addFilter(PlanFilter(.column(col), .notEquals, [.text(stored)]), at: vm.start)
                if isAfter && s.find(anyOf: BuilderWords.nextWords) != nil { s.belowValue = (col, stored) }
            } else {
                s.position = isAfter ? .after(column: col, value: stored) : .before(column: col, value: stored)
            }
            s.usedValues.insert(v)
            s.use(p..<vm.start)
            if let next = s.find(anyOf: BuilderWords.nextWords), next < p { s.use(next) }
            for k in [p - 1, p - 2] where BuilderWords.neighbourLeaders.contains(s.w(k)) { s.use(k) }
            return
        }
    }

    /// "first"/"last"/"final" that are not part of a value, a limit or a date period.
    mutating func parseFirstLast() {
        guard s.position == nil else { return }
        for i in s.tokens.indices where !s.used[i] && s.q.owners[i] == nil {
            let word = s.w(i)
            let first = BuilderWords.firstWords.contains(word) || BuilderWords.earliestWords.contains(word) && s.superlative == nil
            let last = BuilderWords.lastPositionWords.contains(word)
            guard first || last else { continue }
            // "finished first", "in the last position": rank columns rank
            if let m = s.nearestMention(to: i, maxDistance: 2, { s.roles[$0] == nil && s.column($0).lowerIsBetter }) {
                s.setRole(m, .measure)
                s.rankOrder = (m, first ? Direction.down : Direction.up)
                s.use(i)
                return
            }
            // "last in terms of population": the smallest
            if let m = s.q.columnMentions.indices.first(where: { m in
                s.roles[m] == nil && isNumericLike(s.column(m)) && s.q.columnMentions[m].start > i + 1 && s.q.columnMentions[m].start - i <= 5
                    && ((i + 1)..<s.q.columnMentions[m].start).allSatisfy { BuilderWords.positionColumnJoiners.contains(s.w($0)) }
            }) {
                s.setRole(m, .measure)
                s.rankOrder = (m, first ? Direction.up : Direction.down)
                s.use(i..<s.q.columnMentions[m].start)
                return
            }
            s.position = first ? .first(i) : .last(i)
            s.use(i)
            // "the last jurisdiction to be established": a noun naming no column asks for the rows' label
            if let next = s.tok(i + 1), next.kind == .word, s.q.owners[i + 1] == nil, !Vocabulary.stopwords.contains(next.word),
                DateWords.units[next.word] == nil, s.q.columnMentions.indices.allSatisfy({ s.roles[$0] != .answer })
            {
                s.impliedAnswer = labelColumn()
                s.use(i + 1)
                s.confidence *= 0.85
                for m in s.freeMentions where s.q.columnMentions[m].start > i + 1 { s.setRole(m, .absorbed) }
            }
            return
        }
        // "which rider won the race?": the best rank, when the table ranks rows and names no winner column
        if let w = s.tokens.indices.first(where: { BuilderWords.winWords.contains(s.w($0)) && s.q.owners[$0] == nil && !s.used[$0] }),
            s.countAt == nil, s.find("than") == nil, let rank = s.table.columns.first(where: { $0.lowerIsBetter && ($0.role.isNumeric) }),
            s.questionWord.map({ ["which", "who", "what"].contains($0.word) }) ?? false
        {
            s.rankColumn = rank
            s.use(w)
        }
    }

    /// The column "first" and "last" follow: a date or year column, unless the question is about the list
    /// itself ("the last one listed", "first on the table").
    func chronologyColumn() -> ColumnProfile? {
        let aboutList = BuilderWords.tableNouns.contains { s.find($0) != nil }
        if aboutList { return nil }
        let usable = s.table.columns.filter { !$0.has(anyOf: BuilderWords.lifeEventColumnWords) }
        if let m = s.q.columnMentions.indices.first(where: { s.column($0).role.isTemporal || s.column($0).role == .year }) { return s.column(m) }
        return usable.first { $0.role.isTemporal } ?? usable.first { $0.role == .year }
    }
}
