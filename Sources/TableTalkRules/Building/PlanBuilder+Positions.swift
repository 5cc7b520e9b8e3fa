import TableTalkCore

/// Row positions in the file: "the first …", "the last …", "who came after X", "previous to X".
extension PlanBuilder {
    static let afterWords: Set<String> = ["after", "following", "next", "behind", "below", "succeeding", "subsequent", "succeeded", "followed"]
    static let beforeWords: Set<String> = ["before", "previous", "preceding", "prior", "ahead", "above", "preceded", "predecessor"]

    /// "after X" / "before X" where X is a value: the neighbouring row.
    mutating func parseNeighbours() {
        for v in s.freeValues {
            let vm = s.q.valueMentions[v]
            for back in 1...3 {
                let p = vm.start - back
                guard p >= 0, !s.used[p] else { continue }
                let word = s.w(p)
                let isAfter = Self.afterWords.contains(word)
                let isBefore = Self.beforeWords.contains(word)
                guard isAfter || isBefore else { continue }
                let col = valueColumn(v)
                let stored = storedValues(v, in: col).first ?? ""
                if s.superlative != nil || s.limitDirection != nil {
                    // "the most medals after Russia": leave Russia out of the ranking
                    s.addFilter(PlanFilter(.column(col), .notEquals, [.text(stored)]), at: vm.start)
                } else {
                    s.position = isAfter ? .after(column: col, value: stored) : .before(column: col, value: stored)
                }
                s.usedValues.insert(v)
                s.use(p..<vm.start)
                return
            }
        }
    }

    /// "first"/"last"/"final" that are not part of a value, a limit or a date period.
    mutating func parseFirstLast() {
        guard s.position == nil else { return }
        for i in s.tokens.indices where !s.used[i] && s.q.owners[i] == nil {
            let word = s.w(i)
            let first = word == "first" || word == "earliest" && s.superlative == nil
            let last = ["last", "final", "latest", "lastly"].contains(word)
            guard first || last else { continue }
            // "finished first", "in the last position": rank columns rank
            if let m = s.nearestMention(to: i, maxDistance: 2, { s.roles[$0] == nil && s.column($0).lowerIsBetter }) {
                s.setRole(m, .measure)
                s.rankOrder = (m, first ? Direction.down : Direction.up)
                s.use(i)
                return
            }
            s.position = first ? .first(i) : .last(i)
            s.use(i)
            return
        }
    }
}
