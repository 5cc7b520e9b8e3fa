import TableTalkCore

/// Rankings: "which X has the highest Y", "top 3 brands by revenue", "who is the youngest", "the first/last …"
/// by a rank column — grouped when the entity repeats, row by row (ties kept) when it does not.
extension PlanBuilder {
    /// Superlatives and top-N: "which X has the highest Y", "top 3 brands by average rating", "youngest".
    mutating func ranking(_ base: QueryPlan, _ measures: [Measure]) -> QueryPlan? {
        var plan = base
        var dir = s.superlative?.direction ?? s.limitDirection ?? .up
        let word = s.superlative.map { s.w($0.pos) } ?? ""
        // what is ranked
        var targetMeasure = measures.first
        var target: ColumnProfile?
        if let (m, d) = s.rankOrder {
            target = s.column(m)
            dir = d
        }
        let answerMention = s.q.columnMentions.indices.first { s.roles[$0] == .answer }
        if targetMeasure == nil && target == nil, let extra = s.extraTarget { target = extra }
        if targetMeasure == nil && target == nil, s.find(anyOf: BuilderWords.totalWords) != nil, s.q.columnMentions.indices.allSatisfy({ s.roles[$0] != nil || !isNumericLike(s.column($0)) }),
            let total = s.table.columns.first(where: { $0.role.isNumeric && $0.has(anyOf: BuilderWords.totalWords) })
        {
            target = total  // "the highest total number of medals" over a table with a Total column
            if let t = s.find(anyOf: BuilderWords.totalWords) { s.use(t) }
        }
        var directionFixed = false
        if targetMeasure == nil && target == nil, let rank = s.rankColumn {
            target = rank
            dir = .down
            directionFixed = true
        }
        if targetMeasure == nil && target == nil {
            if s.mostFrequent {
                targetMeasure = .rowCount
            } else if let m = s.sortMention ?? s.rankBy {
                target = s.column(m)
                s.setRole(m, .measure)
            } else if let readings = s.superlative?.readings, !readings.isEmpty,
                let m = s.q.columnMentions.indices.first(where: { m in
                    (s.roles[m] == nil || s.roles[m] == .answer) && readings.contains { r in s.column(m).concepts.contains(r.concept) } && isNumericLike(s.column(m))
                })
            {
                target = s.column(m)
                s.setRole(m, .measure)
            } else if let readings = s.superlative?.readings, !readings.isEmpty, let (c, d) = columnForReadings(readings) {
                // "the oldest employee": the adjective names the column (age), whatever else is mentioned
                let ties = readingTies(readings)
                if ties.count > 1 {
                    s.problems.append("“\(word)” could mean " + ties.map(\.label).joined(separator: " or ") + "; which one?")
                    return nil
                }
                target = c
                dir = d
            } else if let pos = s.superlative?.pos ?? s.tokens.indices.first,
                // a measure ranks before a date or a year does ("top 3 years for fossil fuel generation")
                let m = s.nearestMention(to: pos, maxDistance: 12, preferRight: true, { (s.roles[$0] == nil || s.roles[$0] == .measure) && isNumericLike(s.column($0)) && s.column($0).role != .year && !isIdentifierLike(s.column($0)) && s.roles[$0] != .answer })
                    ?? s.nearestMention(to: pos, maxDistance: 12, preferRight: true, { (s.roles[$0] == nil || s.roles[$0] == .measure) && (isNumericLike(s.column($0)) || s.column($0).role.isTemporal) && !isRowIdentifier(s.column($0)) && s.roles[$0] != .answer })
            {
                target = s.column(m)
                s.setRole(m, .measure)
            } else if let a = answerMention, isNumericLike(s.column(a)) || s.column(a).role.isTemporal {
                target = s.column(a)
                s.setRole(a, .measure)
            } else if let readings = s.superlative?.readings, let (c, d) = columnForReadings(readings) {
                target = c
                dir = d
            } else if BuilderWords.rankColumnWords.contains(word), let rank = s.table.columns.first(where: { $0.lowerIsBetter && $0.role.isNumeric }) {
                // "which single did best": the best rank
                target = rank
                dir = BuilderWords.bestRankWords.contains(word) ? .down : .up
                directionFixed = true
            } else if ["most", "least", "fewest"].contains(word) || s.limitDirection != nil {
                targetMeasure = .rowCount
                // "which material has the most density": a noun we could not link is probably what was meant
                if let pos = s.superlative?.pos, let next = ((pos + 1)..<min(s.tokens.count, pos + 4)).first(where: { !BuilderWords.countPhraseWords.contains(s.w($0)) }),
                    s.tokens[next].kind == .word, s.q.owners[next] == nil, !Vocabulary.stopwords.contains(s.w(next)),
                    !(countsRowsPerGroup && (s.w(next).hasSuffix("s") && s.tokens[next].stem != s.w(next) || ParseState.fillers.contains(s.w(next))))
                {
                    s.confidence *= 0.45
                }
            } else {
                s.problems.append("“\(word)” — by which column?")
                return nil
            }
        }
        if let t = target, let (key, value) = s.belowValue {
            // "the next tallest after Patrick Campbell": below that row's value
            let texpr = t.role.isTemporal ? PlanExpr.column(t.name) : numericExpr(t)
            plan.filters.append(PlanFilter(texpr, dir == .up ? .less : .greater, [.valueAt(keyColumn: key, key: value)]))
        }
        if let t = target, !directionFixed, BuilderWords.rankFlippingWords.contains(word) && t.lowerIsBetter { dir = dir.flipped }
        if let loose = s.looseAggregate, targetMeasure == nil, let t = target {
            targetMeasure = Measure(loose.aggregate, numericExpr(t))
        }
        if target == nil && targetMeasure == nil, let extra = s.extraTarget { target = extra }
        // "what is the most power a unit has?": one value, not a row
        let firstAfterSuperlative = s.superlative.flatMap { sup in s.q.columnMentions.indices.first { s.q.columnMentions[$0].start > sup.pos } }
        let scalarAsk = s.questionWord.map { q in q.word == "what" && ["is", "was", "are", "were"].contains(s.w(q.pos + 1)) && (s.superlative.map { $0.pos <= q.pos + 4 } ?? false) } ?? false
            && (firstAfterSuperlative.map { isNumericLike(s.column($0)) } ?? true)
        var entity = answerColumn(allowFree: !scalarAsk) ?? plan.dimensions.first.flatMap { d in d.column.flatMap { s.table.column(named: $0) } }
        // "what film is the most grossing", "which conference member had …": a noun after the question word that
        // names no column asks for the row's label
        if entity == nil, let (pos, w) = s.questionWord, ["which", "what"].contains(w), let next = s.tok(pos + 1), next.kind == .word,
            !BuilderWords.notEntityNouns.contains(next.word),
            s.q.owners[pos + 1] == nil, !s.used[pos + 1]
        {
            let placeWords: Set<String> = BuilderWords.rankingPlaceNouns
            entity = placeWords.contains(next.word) || placeWords.contains(next.stem) ? (locationColumn() ?? labelColumn()) : labelColumn()
            s.use(pos + 1)
        }
        let n = s.limit ?? 1
        plan.limit = n
        // "top 5 employees by salary": the noun after the number
        if entity == nil, let at = s.limitAt, let m = s.q.columnMention(at: at + 1), s.roles[m] == nil || s.roles[m] == .answer, s.column(m).name != target?.name {
            entity = s.column(m)
            s.setRole(m, .answer)
        }
        // "the oldest employee": an ID column names the rows; show their label instead
        if let e = entity, isRowIdentifier(e), let label = labelColumn() { entity = label }
        // "which year saw the most ships": rows per year, not the largest year
        if let e = entity, e.name == target?.name, targetMeasure == nil, ["most", "least", "fewest"].contains(word), !e.isUnique {
            target = nil
            targetMeasure = .rowCount
            dir = word == "most" ? .up : .down
        }
        guard let entity, entity.name != target?.name || targetMeasure != nil else {
            // no entity: a single extreme value ("hottest temperature in Madrid")
            if let tm = targetMeasure {
                plan.measures = [tm]
                if !plan.dimensions.isEmpty { plan.order = [PlanOrder(.measure(0), descending: dir == .up)] } else { plan.limit = nil }
                return plan
            }
            guard let t = target else { return nil }
            if n == 1 && plan.dimensions.isEmpty && (t.role == .numericText || t.role == .duration) {
                // "the top score" of "19-10"-style cells: the cell of the best row
                let texpr = numericExpr(t)
                plan.columns = [.column(t.name)]
                plan.filters.append(PlanFilter(texpr, .equals, [dir == .up ? .maximum : .minimum]))
                plan.order = [PlanOrder(.expr(texpr), descending: dir == .up)]
                plan.limit = nil
                plan.distinct = true
            } else if n == 1 && plan.dimensions.isEmpty {
                plan.measures = [Measure(dir == .up ? .max : .min, t.role.isTemporal ? .column(t.name) : numericExpr(t))]
                plan.limit = nil
            } else if !plan.dimensions.isEmpty {
                plan.measures = [Measure(dir == .up ? .max : .min, numericExpr(t))]
                plan.order = [PlanOrder(.measure(0), descending: dir == .up)]
            } else {
                plan.columns = [numericExpr(t)]
                plan.order = [PlanOrder(.expr(numericExpr(t)), descending: dir == .up)]
            }
            return plan
        }
        let quantityWord = ["most", "least", "fewest"].contains(word)
        let repeated = !entity.isUnique && entity.role == .text
        // "which month had the highest sales": calendar buckets are ranked by their totals
        let grouped = targetMeasure != nil || (s.answerBucket != nil && entity.role.isTemporal) || (quantityWord && repeated && target.map { !$0.isIntensive } ?? true)
            || (s.limitDirection != nil && repeated && (entity.info.distinctCount ?? Int.max) * 2 <= s.table.info.rowCount)
            || plan.dimensions.contains(.column(entity.name))
        if grouped {
            let m = targetMeasure ?? target.map { Measure($0.isIntensive ? .avg : .sum, numericExpr($0)) } ?? .rowCount
            let key: PlanExpr = (s.answerYear || s.answerBucket != nil) && entity.role.isTemporal ? .bucket(entity.name, s.answerBucket ?? .year) : .column(entity.name)
            plan.dimensions = [key] + plan.dimensions.filter { $0 != key }
            plan.measures = [m]
            plan.order = [PlanOrder(.measure(0), descending: dir == .up)]
            plan.focus = .dimension(0)
        } else if let t = target {
            let texpr = t.role.isTemporal ? PlanExpr.column(t.name) : numericExpr(t)
            let key: PlanExpr = s.answerYear && entity.role.isTemporal ? .datePart(entity.name, .year) : .column(entity.name)
            plan.columns = key == texpr ? [key] : [key, texpr]
            plan.order = [PlanOrder(.expr(texpr), descending: dir == .up)]
            if n == 1 {
                // every row that ties for the top
                plan.filters.append(PlanFilter(texpr, .equals, [dir == .up ? .maximum : .minimum]))
                plan.limit = nil
            } else {
                plan.filters.append(PlanFilter(texpr, .isNotNull))
            }
            plan.focus = .column(0)
        }
        return plan
    }

}
