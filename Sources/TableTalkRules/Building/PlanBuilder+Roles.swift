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
                let want = dir == .up ? "maximum" : "minimum"
                if let c = mentions[m].candidates.first(where: { $0.column.has(want) }) {
                    s.resolved[m] = c.column.name
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
            while ["the", "each", "every", "a", "of", "month", "year"].contains(s.w(p)) && s.q.columnMention(at: p) == nil && p < g + 3 { p += 1 }
            guard let m = s.q.columnMention(at: p), s.roles[m] == nil else { continue }
            // "top 3 brands by average rating", "sorted by price": a ranking measure, not a key
            if s.aggregateCues.contains(where: { $0.pos == p }) { continue }
            let c = s.column(m)
            if c.role.isNumeric && c.role != .year && (s.limit != nil || s.superlative != nil || s.orderAt != nil) { continue }
            s.setRole(m, .dimension)
            s.use(g)
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
            } else {
                s.looseAggregate = cue
            }
        }
    }

    /// The column the question asks for: after "which"/"what", or implied by "who", "where", "when".
    mutating func assignAnswer() {
        guard let (pos, word) = s.questionWord else {
            // imperative lists: "list products rated below 2.5", "name a country that …"
            if let m = s.freeMentions.first(where: { s.column($0).role == .text && s.q.columnMentions[$0].start <= 2 }) {
                s.setRole(m, .answer)
            }
            return
        }
        switch word {
        case "which", "what", "whose":
            if let m = s.freeMentions.first(where: { s.q.columnMentions[$0].start > pos && s.q.columnMentions[$0].start - pos <= 4 }) {
                let c = s.column(m)
                // "what is the average …" was taken by the aggregate; a numeric column right after "what is the"
                // is a lookup answer too
                s.setRole(m, .answer)
                if c.role.isTemporal && s.w(m == 0 ? pos + 1 : s.q.columnMentions[m].start) == "year" { s.answerYear = true }
            } else if ["year", "years", "season"].contains(s.w(pos + 1)) || (s.w(pos + 1) == "date" || s.w(pos + 1) == "day") {
                s.impliedAnswer = timeColumn()
                if s.impliedAnswer?.role.isTemporal == true && s.w(pos + 1) != "date" && s.w(pos + 1) != "day" { s.answerYear = true }
            }
        case "who", "whom":
            if let m = s.freeMentions.first(where: { s.column($0).role == .text && isPersonColumn(s.column($0)) }) {
                s.setRole(m, .answer)
            } else {
                s.impliedAnswer = personColumn()
            }
        case "where":
            if let m = s.freeMentions.first(where: { isLocationColumn(s.column($0)) }) { s.setRole(m, .answer) } else { s.impliedAnswer = locationColumn() }
        case "when":
            if let m = s.freeMentions.first(where: { s.column($0).role.isTemporal || s.column($0).role == .year }) { s.setRole(m, .answer) } else { s.impliedAnswer = timeColumn() }
        default:
            break
        }
    }

    // MARK: column kinds

    static let personConcepts: Set<String> = [
        "name", "player", "person", "driver", "rider", "winner", "artist", "candidate", "member", "coach", "director",
        "writer", "actor", "actress", "pilot", "president", "leader", "holder", "recipient", "nominee", "composer",
        "singer", "performer", "jockey", "boxer", "wrestler", "cyclist", "swimmer", "skater", "runner", "skier",
        "golfer", "owner", "governor", "mayor", "minister", "senator", "representative", "incumbent", "chairman",
        "captain", "author", "producer", "builder", "designer", "founder", "opponent", "partner", "manager",
        "employee", "student", "customer", "who", "champion", "nam", "rider", "pitcher", "batter", "scorer",
    ].reduce(into: Set<String>()) { $0.insert(Synonyms.concept(ofStem: Stemmer.stem($1))) }

    static let locationConcepts: Set<String> = [
        "location", "venue", "city", "country", "place", "site", "stadium", "station", "town", "region", "state",
        "province", "address", "ground", "arena", "circuit", "track", "host", "where", "county", "district",
        "municipality", "island", "village", "nation", "area", "destination", "origin", "home", "hometown",
        "birthplace", "course", "tournament", "race",
    ].reduce(into: Set<String>()) { $0.insert(Synonyms.concept(ofStem: Stemmer.stem($1))) }

    func isPersonColumn(_ c: ColumnProfile) -> Bool { c.concepts.contains { Self.personConcepts.contains($0) } }
    func isLocationColumn(_ c: ColumnProfile) -> Bool { c.concepts.contains { Self.locationConcepts.contains($0) } }

    func personColumn() -> ColumnProfile? {
        let text = s.table.columns.filter { $0.role == .text }
        return text.first { isPersonColumn($0) && $0.has("name") } ?? text.first { isPersonColumn($0) }
            ?? text.first { $0.has("name") } ?? text.first { $0.isUnique }
    }

    func locationColumn() -> ColumnProfile? {
        let text = s.table.columns.filter { $0.role == .text }
        return text.first { isLocationColumn($0) }
    }

    func timeColumn() -> ColumnProfile? {
        s.table.columns.first { $0.role == .year } ?? s.table.columns.first { $0.role.isTemporal }
            ?? s.table.columns.first { $0.has("year") || $0.has("date") || $0.has("season") }
    }

    /// The column a row is best known by (the first unique text column, else the first text column).
    func labelColumn() -> ColumnProfile? {
        let text = s.table.columns.filter { $0.role == .text }
        return text.first { $0.isUnique } ?? text.first
    }
}
