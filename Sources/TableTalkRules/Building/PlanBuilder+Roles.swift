import TableTalkCore

/// Decides what each remaining column mention is for: a group-by key, an aggregated measure, the column the
/// question asks for, or the target of a superlative.
extension PlanBuilder {
    /// Settles ambiguous mentions with evidence from the rest of the question.
    mutating func resolveAmbiguity() {
        let mentions = s.q.columnMentions
        for m in mentions.indices where mentions[m].isAmbiguous {
            let names = Set(mentions[m].candidates.map { $0.column.name })
            // another mention names one of the candidates on its own ("scored … in math")
            if let other = mentions.indices.first(where: { $0 != m && !mentions[$0].isAmbiguous && names.contains(mentions[$0].column.name) }) {
                s.setRole(m, .absorbed, column: mentions[other].column.name)
                continue
            }
            // a direction picks max/min columns ("hottest temperature" → temp_max)
            let dir = s.superlative?.direction ?? s.comparative?.direction
            if let dir {
                let want = dir == .up ? BuilderWords.maximumNameWords : BuilderWords.minimumNameWords
                if let c = mentions[m].candidates.first(where: { $0.column.has(anyOf: want) }) {
                    s.resolved[m] = c.column.name
                    continue
                }
            }
            // after "which"/"what": the candidate holding names, with the most distinct values
            if let q = s.questionWord, mentions[m].start > q.pos, mentions[m].start - q.pos <= 2 {
                let texts = mentions[m].candidates.filter { $0.column.role == .text }
                if let best = texts.max(by: { ($0.column.info.distinctCount ?? 0) < ($1.column.info.distinctCount ?? 0) }) {
                    s.resolved[m] = best.column.name
                    continue
                }
            }
            let chosen = mentions[m].candidates[0].column
            let others = mentions[m].candidates.dropFirst().map { $0.column.label }
            let words = mentions[m].positions.map { s.w($0) }.joined(separator: " ")
            s.alternatives.append("“\(words)” is read as \(chosen.label); it could also be \(others.joined(separator: " or ")).")
            s.confidence *= 0.8
        }
    }

    /// Group-by keys after "by", "per", "each", "across" and time buckets.
    mutating func assignDimensions() {
        for g in s.groupAt {
            var p = g + 1
            while BuilderWords.groupKeyLeaders.contains(s.w(p)) && s.q.columnMention(at: p) == nil && p < g + 3 { p += 1 }
            guard let m = s.q.columnMention(at: p), s.roles[m] == nil else { continue }
            // "top 3 brands by average rating", "sorted by price": a ranking measure, not a key
            if s.aggregateCues.contains(where: { $0.pos == p }) { continue }
            let c = s.column(m)
            if c.role.isNumeric && c.role != .year && (s.limit != nil || s.superlative != nil || s.orderAt != nil) {
                if s.rankBy == nil { s.rankBy = m }
                continue
            }
            let categorical = c.info.type == .integer && (c.info.distinctCount ?? Int.max) <= 20 && (c.info.distinctCount ?? Int.max) * 2 < s.table.info.rowCount
            let numerator = s.q.columnMentions.indices.contains { $0 != m && s.q.columnMentions[$0].start < g && isNumericLike(s.column($0)) }
            if s.w(g) == "per" && c.role.isNumeric && c.role != .year && !isIdentifierLike(c) && !categorical && numerator {
                s.perDenominator = m
                s.setRole(m, .measure)
                s.use(g)
                continue
            }
            s.setRole(m, .dimension)
            s.use(g)
            // "by rank and sex": the keys listed after one "by"
            var end = s.q.columnMentions[m].end
            while ["and", ","].contains(s.w(end)), let next = s.q.columnMention(at: end + 1), s.roles[next] == nil, !isNumericLike(s.column(next)) || s.column(next).role == .year {
                s.setRole(next, .dimension)
                s.use(end)
                end = s.q.columnMentions[next].end
            }
        }
        if let at = s.orderAt, let m = s.nearestMention(to: at + 1, maxDistance: 3, preferRight: true, { s.roles[$0] == nil }) {
            s.sortMention = m
            s.setRole(m, .measure)
        }
    }

    /// Aggregate words and the columns they apply to ("average math score", "total precipitation").
    mutating func assignMeasures() {
        for (pos, cue) in s.aggregateCues {
            var p = pos + 1
            while p < s.tokens.count && p - pos <= 3 && s.q.columnMention(at: p) == nil { p += 1 }
            if let m = s.q.columnMention(at: p), s.roles[m] == nil || s.roles[m] == .answer {
                s.setRole(m, .measure)
                s.measureCues.append((m, cue))
            } else if s.superlative == nil, let m = s.nearestMention(to: pos, maxDistance: 4, preferRight: true, { s.roles[$0] == nil && s.column($0).role.isNumeric }) {
                s.setRole(m, .measure)
                s.measureCues.append((m, cue))
            } else if BuilderWords.totalWords.contains(s.w(pos)), let total = s.table.columns.first(where: { $0.role.isNumeric && $0.has(anyOf: BuilderWords.totalWords) }) {
                s.extraTarget = total
                if s.superlative == nil && s.countAt == nil { s.looseAggregate = cue }
            } else {
                s.looseAggregate = cue
            }
        }
    }

    /// The column the question asks for: after "which"/"what", or implied by "who", "where", "when".
    mutating func assignAnswer() {
        guard let (pos, word) = s.questionWord else {
            // imperatives: "list products rated below 2.5", "name a country that …", "tell me a tournament in …"
            let verbs: Set<String> = BuilderWords.imperativeVerbs
            var start = 0
            if let v = s.tokens.indices.first(where: { verbs.contains(s.w($0)) }), v <= 3 { start = v + 1 }
            while BuilderWords.imperativeObjects.contains(s.w(start)) { start += 1 }
            if let m = s.freeMentions.filter({ s.q.columnMentions[$0].start >= start && s.q.columnMentions[$0].start <= start + 1 }).first {
                s.setRole(m, .answer)
            } else if let m = s.freeMentions.first(where: { s.column($0).role == .text && s.q.columnMentions[$0].start <= 2 }) {
                s.setRole(m, .answer)
            }
            if start > 0 && ["a", "an", "one", "any"].contains(s.w(start - 1)) { s.pickOne = true }
            return
        }
        switch word {
        case "which", "what", "whose":
            if pos > 0, let m = s.q.columnMention(at: pos - 1), s.roles[m] == nil, s.q.columnMentions[m].end == pos, pos >= 2,
                !["is", "was", "are", "were", "did", "does", "do", "has", "had"].contains(s.w(pos + 1))
            {
                // "Andy Hughes is from what club?": the column named right before the question word
                s.setRole(m, .answer)
                if let next = s.tok(pos + 1), next.kind == .word, s.q.owners[pos + 1] == nil { s.use(pos + 1) }
                if let next = s.tok(pos + 2), next.kind == .word, s.q.owners[pos + 2] == nil, pos + 2 == s.tokens.count - 1 { s.use(pos + 2) }
            } else if let m = s.freeMentions.filter({ s.q.columnMentions[$0].start > pos && s.q.columnMentions[$0].start - pos <= 4 }).min(by: { s.q.columnMentions[$0].start < s.q.columnMentions[$1].start }) {
                let c = s.column(m)
                // "what is the average …" was taken by the aggregate; a numeric column right after "what is the"
                // is a lookup answer too
                s.setRole(m, .answer)
                if c.role.isTemporal && BuilderWords.yearNouns.contains(s.w(m == 0 ? pos + 1 : s.q.columnMentions[m].start)) { s.answerYear = true }
            } else if BuilderWords.answerTimeNouns.contains(s.w(pos + 1)) {
                s.impliedAnswer = timeColumn()
                if s.impliedAnswer?.role.isTemporal == true && !BuilderWords.answerDayNouns.contains(s.w(pos + 1)) { s.answerYear = true }
            } else if let next = s.tok(pos + 1), next.kind == .word, s.q.owners[pos + 1] == nil, !s.used[pos + 1],
                !Vocabulary.stopwords.contains(next.word), Vocabulary.superlatives[next.word] == nil, Adjectives.readings(ofStem: next.stem) == nil
            {
                // "what groups had …", "which place …": a noun naming no column asks for the rows' label
                let placeWords: Set<String> = BuilderWords.answerPlaceNouns
                s.impliedAnswer = placeWords.contains(next.word) || placeWords.contains(next.stem) ? (locationColumn() ?? labelColumn()) : labelColumn()
                if BuilderWords.timeOfDayNouns.contains(next.word), !s.table.columns.contains(where: { $0.role == .timestamp }) {
                    // "what time of day …" over dates only
                    s.impliedAnswer = nil
                    s.problems.append("“\(next.original)” — \(s.table.name) has dates but no times")
                } else if s.impliedAnswer != nil {
                    s.use(pos + 1)
                    s.confidence *= 0.9
                    s.labelNounAt = pos + 1
                }
            }
        case "who", "whom":
            if let m = s.freeMentions.first(where: { s.column($0).role == .text && isPersonColumn(s.column($0)) }) {
                s.setRole(m, .answer)
            } else {
                s.impliedAnswer = personColumn()
            }
        case "where":
            let places = s.freeMentions.filter { isLocationColumn(s.column($0)) }
            if let m = places.min(by: { locationRank(s.column($0)) < locationRank(s.column($1)) }) { s.setRole(m, .answer) } else { s.impliedAnswer = locationColumn() }
            if pos == 0 && places.isEmpty && s.impliedAnswer == nil { s.problems.append("“where” — no column of \(s.table.name) says where") }
        case "when":
            if let m = s.freeMentions.first(where: { s.column($0).role.isTemporal || s.column($0).role == .year }) { s.setRole(m, .answer) } else { s.impliedAnswer = timeColumn() }
        default:
            break
        }
    }

    // MARK: column kinds

    static let personConcepts: Set<String> = BuilderWords.personNouns.reduce(into: Set<String>()) { $0.insert(Synonyms.concept(ofStem: Stemmer.stem($1))) }

    /// Place words, most specific first ("where" prefers a Location or Venue column over a Country column).
    static let locationOrder: [String] = BuilderWords.placeNounsMostSpecificFirst.map(Concept.key)

    static let locationConcepts: Set<String> = Set(locationOrder)

    func isPersonColumn(_ c: ColumnProfile) -> Bool {
        c.concepts.contains { Self.personConcepts.contains($0) } && !c.has(anyOf: BuilderWords.notPersonColumnWords)
    }
    func locationRank(_ c: ColumnProfile) -> Int {
        Self.locationOrder.firstIndex { c.concepts.contains($0) } ?? Int.max
    }

    func isLocationColumn(_ c: ColumnProfile) -> Bool { c.concepts.contains { Self.locationConcepts.contains($0) } }

    func personColumn() -> ColumnProfile? {
        let text = s.table.columns.filter { $0.role == .text }
        return text.first { isPersonColumn($0) && $0.has(anyOf: BuilderWords.nameNouns) } ?? text.first { isPersonColumn($0) }
            ?? text.first { $0.has(anyOf: BuilderWords.nameNouns) } ?? text.first { $0.isUnique }
    }

    func locationColumn() -> ColumnProfile? {
        let text = s.table.columns.filter { $0.role == .text }
        for concept in Self.locationOrder { if let c = text.first(where: { $0.concepts.contains(concept) }) { return c } }
        return nil
    }

    func timeColumn() -> ColumnProfile? {
        s.table.columns.first { $0.role == .year } ?? s.table.columns.first { $0.role.isTemporal }
            ?? s.table.columns.first { $0.has(anyOf: BuilderWords.timeColumnWords) }
    }

    /// The column a row is best known by (the first unique text column, else the first text column).
    func labelColumn() -> ColumnProfile? {
        let text = s.table.columns.filter { c in
            c.role == .text && !c.has(anyOf: BuilderWords.notLabelColumnWords)
        }
        let named = text.filter { c in Self.labelConcepts.contains { c.concepts.contains($0) } }
        return named.first { $0.isUnique } ?? text.first { $0.isUnique } ?? named.first ?? text.first
    }

    /// Columns that name what a row is about.
    static let labelConcepts: [String] = BuilderWords.labelNouns.map(Concept.key)
}
