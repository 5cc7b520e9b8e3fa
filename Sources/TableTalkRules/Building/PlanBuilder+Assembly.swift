import TableTalkCore

/// Puts the pieces together: rankings (superlatives, top-N), positions, shares, counts, aggregates and
/// lookups, in that order of precedence.
extension PlanBuilder {
    mutating func assemble() -> QueryPlan? {
        var plan = QueryPlan(table: s.table.name)
        plan.dimensions = dimensions()
        var measures = s.measureCues.map { cue -> Measure in
            let c = s.column(cue.mention)
            // "the total albums listed": text and dates are counted, not summed
            if [.sum, .avg, .median].contains(cue.cue.aggregate) && !isNumericLike(c) { return Measure(.count, .column(c.name)) }
            return Measure(cue.cue.aggregate, measureExpr(c, cue.cue))
        }
        if measures.isEmpty, let derived = derivedMeasure() { measures = [derived] }
        let built: QueryPlan?
        if s.superlative != nil || s.limitDirection != nil || s.rankOrder != nil || s.rankColumn != nil {
            built = ranking(plan, measures)
        } else if s.position != nil && s.countAt == nil {
            built = positional(plan)
        } else if s.shareAt != nil {
            built = share(plan, measures)
        } else if s.countAt != nil {
            built = count(plan)
        } else if let m = s.perDenominator, let first = measures.first ?? s.freeMentions.first(where: { isNumericLike(s.column($0)) && s.q.columnMentions[$0].start < s.q.columnMentions[m].start }).map({ Measure(.sum, numericExpr(s.column($0))) }) {
            // "field goals per game played": a ratio of two quantities
            var numerator = first
            numerator.aggregate = .sum
            plan.measures = [numerator, Measure(.sum, numericExpr(s.column(m)))]
            plan.arithmetic = .ratio
            for f in s.freeMentions where isNumericLike(s.column(f)) && s.q.columnMentions[f].start < s.q.columnMentions[m].start { s.setRole(f, .measure) }
            built = plan
        } else if !measures.isEmpty {
            plan.measures = measures
            built = plan
        } else {
            built = lookup(plan)
        }
        guard var result = built else { return nil }
        result.filters = s.filters + result.filters
        barePredicates(&result)
        if s.pickOne && result.measures.isEmpty && result.limit == nil { result.limit = 1 }
        excludeSummaryRows(&result)
        return result
    }

    // MARK: pieces

    /// Leaves "Total" rows out of rankings, counts, aggregates and lists, unless the question names them.
    mutating func excludeSummaryRows(_ plan: inout QueryPlan) {
        for e in s.q.summaryRows.prefix(1) where !plan.filters.contains(where: { $0.expr == .column(e.column) && $0.values.contains(.text(e.stored)) }) {
            plan.filters.append(PlanFilter(.column(e.column), .notEquals, [.text(e.stored)], phrase: "not a total row"))
        }
    }

    /// Group-by expressions from dimension mentions and bucket words.
    mutating func dimensions() -> [PlanExpr] {
        var dims: [PlanExpr] = []
        for m in s.q.columnMentions.indices where s.roles[m] == .dimension {
            let c = s.column(m)
            dims.append(c.role.isTemporal ? .bucket(c.name, s.bucket ?? .day) : .column(c.name))
        }
        let yearDim = dims.contains { d in d.column.flatMap { s.table.column(named: $0) }.map { $0.role == .year } ?? false }
        if let bucket = s.bucket, !(bucket == .year && yearDim), !dims.contains(where: { if case .bucket = $0 { return true } else { return false } }) {
            if let dc = dateColumn(near: 0) {
                dims.insert(.bucket(dc.name, bucket), at: 0)
                claimDateMentionRole(dc)
            } else if bucket == .year, let yc = yearColumn(near: 0) {
                dims.insert(.column(yc.name), at: 0)
            } else {
                s.problems.append("a \(bucket.noun)ly breakdown, but the table has no date column")
            }
        }
        return dims
    }

    private mutating func claimDateMentionRole(_ c: ColumnProfile) {
        for m in s.freeMentions where s.column(m).name == c.name { s.setRole(m, .dimension) }
    }

    /// What an aggregate reads from a column.
    func measureExpr(_ c: ColumnProfile, _ cue: AggregateCue) -> PlanExpr {
        c.role == .numericText ? .leadingNumber(c.name) : .column(c.name)
    }

    /// "inventory value", "stock value", "revenue" with no such column: price × quantity.
    private mutating func derivedMeasure() -> Measure? {
        let words: Set<String> = ["value", "worth", "revenue", "sales", "turnover"]
        guard let i = s.tokens.indices.first(where: { words.contains(s.w($0)) && s.q.owners[$0] == nil }) else { return nil }
        let price = s.table.columns.first { $0.role == .number && $0.has("price") }
        let quantity = s.table.columns.first { $0.role == .number && ($0.has("quantity") || $0.has("stock")) }
        guard let price, let quantity else { return nil }
        s.use(i)
        for j in [i - 1, i + 1, i + 2] where ["inventory", "stock", "of", "total"].contains(s.w(j)) { s.use(j) }
        for m in s.freeMentions where [price.name, quantity.name].contains(s.column(m).name) { s.setRole(m, .absorbed) }
        return Measure(.sum, .product(price.name, quantity.name))
    }

    /// The answer column: a mention with the answer role, else what the question word implies.
    private mutating func answerColumn(allowFree: Bool) -> ColumnProfile? {
        if let m = s.q.columnMentions.indices.first(where: { s.roles[$0] == .answer }) { return s.column(m) }
        if let c = s.impliedAnswer { return c }
        for (_, w) in s.extraQuestionWords {
            switch w {
            case "where": if let c = locationColumn() { return c }
            case "when": if let c = timeColumn() { return c }
            case "who": if let c = personColumn() { return c }
            default: break
            }
        }
        if allowFree, let m = s.freeMentions.first(where: { s.column($0).role == .text }) {
            s.setRole(m, .answer)
            return s.column(m)
        }
        return nil
    }

    /// Superlatives and top-N: "which X has the highest Y", "top 3 brands by average rating", "youngest".
    private mutating func ranking(_ base: QueryPlan, _ measures: [Measure]) -> QueryPlan? {
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
                target = c
                dir = d
            } else if let pos = s.superlative?.pos ?? s.tokens.indices.first,
                let m = s.nearestMention(to: pos, maxDistance: 12, preferRight: true, { (s.roles[$0] == nil || s.roles[$0] == .measure) && (isNumericLike(s.column($0)) || s.column($0).role.isTemporal) && !isIdentifierLike(s.column($0)) })
            {
                target = s.column(m)
                s.setRole(m, .measure)
            } else if let a = answerMention, isNumericLike(s.column(a)) || s.column(a).role.isTemporal {
                target = s.column(a)
                s.setRole(a, .measure)
            } else if let readings = s.superlative?.readings, let (c, d) = columnForReadings(readings) {
                target = c
                dir = d
            } else if ["best", "worst", "top", "bottom"].contains(word), let rank = s.table.columns.first(where: { $0.lowerIsBetter && $0.role.isNumeric }) {
                // "which single did best": the best rank
                target = rank
                dir = word == "best" || word == "top" ? .down : .up
                directionFixed = true
            } else if ["most", "least", "fewest"].contains(word) || s.limitDirection != nil {
                targetMeasure = .rowCount
                // "which material has the most density": a noun we could not link is probably what was meant
                if let pos = s.superlative?.pos, let next = ((pos + 1)..<min(s.tokens.count, pos + 4)).first(where: { !["the", "number", "of", "amount", "times"].contains(s.w($0)) }),
                    s.tokens[next].kind == .word, s.q.owners[next] == nil, !Vocabulary.stopwords.contains(s.w(next))
                {
                    s.confidence *= 0.6
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
        if let t = target, !directionFixed, ["best", "worst", "top", "bottom", "highest", "lowest"].contains(word) && t.lowerIsBetter { dir = dir.flipped }
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
            !["is", "was", "are", "were", "has", "had", "did", "does", "do", "the", "a", "an", "of", "in", "year", "years", "date", "day"].contains(next.word),
            s.q.owners[pos + 1] == nil, !s.used[pos + 1]
        {
            let placeWords: Set<String> = ["place", "location", "city", "town", "country", "venue", "site", "state", "region", "area", "stadium", "nation"]
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
        if let e = entity, isIdentifierLike(e), e.role != .year, let label = labelColumn() { entity = label }
        guard let entity, entity.name != target?.name || targetMeasure != nil else {
            // no entity: a single extreme value ("hottest temperature in Madrid")
            if let tm = targetMeasure {
                plan.measures = [tm]
                if !plan.dimensions.isEmpty { plan.order = [PlanOrder(.measure(0), descending: dir == .up)] } else { plan.limit = nil }
                return plan
            }
            guard let t = target else { return nil }
            if n == 1 && plan.dimensions.isEmpty && t.role == .numericText {
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
        let grouped = targetMeasure != nil || (quantityWord && repeated && target.map { !$0.isIntensive } ?? true)
            || (s.limitDirection != nil && repeated && (entity.info.distinctCount ?? Int.max) * 2 <= s.table.info.rowCount)
            || plan.dimensions.contains(.column(entity.name))
        if grouped {
            let m = targetMeasure ?? target.map { Measure($0.isIntensive ? .avg : .sum, numericExpr($0)) } ?? .rowCount
            let key: PlanExpr = s.answerYear && entity.role.isTemporal ? .bucket(entity.name, .year) : .column(entity.name)
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

    /// "the first …", "the last …", "the one after X", "previous to X".
    private mutating func positional(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        guard let position = s.position else { return nil }
        var entity = answerColumn(allowFree: true)
        switch position {
        case .after(let col, let value), .before(let col, let value):
            if entity == nil { entity = s.table.column(named: col) }
            let after: Bool
            if case .after = position { after = true } else { after = false }
            plan.filters.append(PlanFilter(.rowPosition, after ? .greater : .less, [.positionOf(column: col, value: value)], phrase: "\(after ? "after" : "before") \(value)"))
            plan.order = [PlanOrder(.expr(.rowPosition), descending: !after)]
        case .first, .last:
            if entity == nil { entity = labelColumn() }
            var isFirst = false
            if case .first = position { isFirst = true }
            if entity?.role.isTemporal == true || entity?.role == .year {
                // "the first year", "the date of the last fight": the earliest or latest value itself
                plan.order = [PlanOrder(.expr(.column(entity!.name)), descending: !isFirst), PlanOrder(.expr(.rowPosition), descending: !isFirst)]
            } else if let time = chronologyColumn() {
                plan.order = [PlanOrder(.expr(.column(time.name)), descending: !isFirst), PlanOrder(.expr(.rowPosition), descending: !isFirst)]
                plan.filters.append(PlanFilter(.column(time.name), .isNotNull))
            } else {
                plan.order = [PlanOrder(.expr(.rowPosition), descending: !isFirst)]
            }
        }
        guard let entity else { return nil }
        let expr: PlanExpr = s.answerYear && entity.role.isTemporal ? .datePart(entity.name, .year) : .column(entity.name)
        plan.columns = [expr]
        plan.filters.append(PlanFilter(.column(entity.name), .isNotNull))
        plan.limit = s.limit ?? 1
        plan.focus = .column(0)
        return plan
    }

    /// "what share of students get free lunch", "percentage of sales by region".
    private mutating func share(_ base: QueryPlan, _ measures: [Measure]) -> QueryPlan? {
        var plan = base
        guard let at = s.shareAt else { return nil }
        var m = measures.first ?? .rowCount
        if measures.isEmpty, let free = s.freeMentions.first(where: { isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0)) && s.q.columnMentions[$0].start > at }) {
            m = Measure(.sum, numericExpr(s.column(free)))
            s.setRole(free, .measure)
        }
        // filters after the verb are the part; those before it the whole
        let verbs: Set<String> = ["get", "gets", "got", "have", "has", "had", "are", "is", "was", "were", "receive", "received", "do", "does", "did", "scored", "earn", "earned", "that", "who", "which", "with", "came", "come", "went", "use", "used", "won", "lost"]
        let verb = ((at + 1)..<s.tokens.count).first { verbs.contains(s.w($0)) }
        var part: [PlanFilter] = []
        var whole: [PlanFilter] = []
        for (f, pos) in zip(s.filters, s.filterAt) {
            if let verb, pos < verb { whole.append(f) } else { part.append(f) }
        }
        if part.isEmpty && !whole.isEmpty && plan.dimensions.isEmpty {
            part = [whole.removeLast()]
        }
        s.filters = whole
        m.condition = part
        m.percentOfTotal = true
        plan.measures = [m]
        return plan
    }

    /// "how many …": rows, distinct values, or the sum of a quantity ("how many goals did X score").
    private mutating func count(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        let at = s.countAt ?? 0
        let subject = s.freeMentions.first { s.q.columnMentions[$0].start > at && s.q.columnMentions[$0].start - at <= 4 }
        if let m = subject {
            let c = s.column(m)
            if (c.role == .number || c.role == .numericText) && !isIdentifierLike(c) {
                // "how many goals did Arsenal score": a quantity, not a number of rows
                s.setRole(m, .measure)
                plan.measures = [Measure(.sum, numericExpr(c))]
                return plan
            }
            if c.role == .text && (s.countDistinct || (!c.isUnique && c.info.distinctCount != nil && s.filters.isEmpty)) {
                s.setRole(m, .measure)
                plan.measures = [Measure(.countDistinct, .column(c.name))]
                return plan
            }
            s.setRole(m, .absorbed)
        } else if let noun = s.tok(at + 2).map({ _ in at + 2 }).flatMap({ s.w($0) == "the" ? $0 + 1 : $0 }), let t = s.tok(noun),
            t.kind == .word, s.q.owners[noun] == nil, !s.used[noun], !Vocabulary.stopwords.contains(t.word),
            ["did", "does", "do", "has", "have", "had", "was", "were", "for", "of", "by", "won", "earned"].contains(s.w(noun + 1)),
            (noun + 2...noun + 4).contains(where: { s.q.valueMention(at: $0) != nil }),
            let total = s.table.columns.first(where: { $0.role.isNumeric && $0.has("total") })
        {
            // "how many medals did Japan win" over a table with a Total column
            s.use(noun)
            s.confidence *= 0.85
            plan.measures = [Measure(.sum, numericExpr(total))]
            return plan
        }
        plan.measures = [.rowCount]
        if case .first = s.position {
            // "how many times did he place first": first place in a rank column, if there is one
            if let rank = s.table.columns.first(where: { $0.lowerIsBetter && isNumericLike($0) }) {
                plan.filters.append(PlanFilter(numericExpr(rank), .equals, [.integer(1)]))
            } else {
                s.problems.append("“first” — first by which column?")
            }
        } else if case .last = s.position {
            s.problems.append("“last” — last by which column?")
        }
        if let position = s.position {
            // "how many teams are ranked above X"
            switch position {
            case .after(let col, let value): plan.filters.append(PlanFilter(.rowPosition, .greater, [.positionOf(column: col, value: value)], phrase: "after \(value)"))
            case .before(let col, let value): plan.filters.append(PlanFilter(.rowPosition, .less, [.positionOf(column: col, value: value)], phrase: "before \(value)"))
            default: break
            }
        }
        return plan
    }

    /// Numbers that identify rows rather than measure them (No., #, rank, pick, game 1…n).
    func isIdentifierLike(_ c: ColumnProfile) -> Bool {
        // "No.", "#", "Student ID", "Track number" identify rows; "# Albums", "Number of seats" count things
        if c.has("identifier") || c.role == .year || c.lowerIsBetter || c.has("pick") { return true }
        let number = Concept.key("number")
        if let i = c.concepts.firstIndex(of: number) {
            if c.concepts.count == 1 { return true }
            if i > 0 { return true }
        }
        let sequenceWords = ["game", "episode", "week", "round", "match", "season", "no", "heat", "stage", "race", "lap", "edition"]
        return c.isUnique && c.info.type == .integer && sequenceWords.contains { c.has($0) }
    }

    private func hasFilter(on column: String) -> Bool { s.filters.contains { $0.expr.column == column } }

    /// Lookups and lists: "what is the population of X", "which schools have at least 40 finals".
    private mutating func lookup(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        let freeNumeric = s.q.columnMentions.indices.filter {
            (s.roles[$0] == nil || s.roles[$0] == .answer) && isNumericLike(s.column($0)) && !isIdentifierLike(s.column($0))
        }
        if !plan.dimensions.isEmpty {
            // "sales by region": a quantity per group
            if let m = freeNumeric.first {
                let c = s.column(m)
                s.setRole(m, .measure)
                plan.measures = [Measure(c.isIntensive ? .avg : .sum, numericExpr(c))]
            } else {
                plan.measures = [.rowCount]
            }
            return plan
        }
        if var answer = answerColumn(allowFree: false) {
            // "employees with …" names the ID column; show what the rows are called instead
            if isIdentifierLike(answer) && answer.role != .year, let label = labelColumn() { answer = label }
            let expr: PlanExpr = s.answerYear && answer.role.isTemporal ? .datePart(answer.name, .year) : .column(answer.name)
            plan.columns = [expr]
            if s.looseAggregate != nil, isNumericLike(answer) {
                plan.columns = []
                plan.measures = [Measure(s.looseAggregate!.aggregate, numericExpr(answer))]
            }
            if s.filters.isEmpty && !answer.isUnique { plan.distinct = true }
            return plan
        }
        let free = s.freeMentions
        if !free.isEmpty {
            for m in free.prefix(3) {
                var c = s.column(m)
                if isIdentifierLike(c) && c.role != .year, let label = labelColumn() { c = label }
                if !plan.columns.contains(.column(c.name)) { plan.columns.append(.column(c.name)) }
                s.setRole(m, .answer)
            }
            return plan
        }
        if !s.filters.isEmpty, let label = labelColumn() {
            // "products rated below 2.5" with no column asked: list what identifies the rows
            plan.columns = [.column(label.name)]
            s.confidence *= 0.8
            return plan
        }
        s.problems.append("no column of \(s.table.name) matches the question")
        return nil
    }

    /// Leftover quantity columns used as predicates: "still in stock" → stock > 0.
    private mutating func barePredicates(_ plan: inout QueryPlan) {
        for m in s.freeMentions {
            let c = s.column(m)
            let cm = s.q.columnMentions[m]
            let verbs: Set<String> = ["in", "with", "have", "has", "had", "earning", "earned", "earn", "won", "winning", "receiving", "received", "getting", "got", "scoring", "scored", "having"]
            guard c.role == .number, verbs.contains(s.w(cm.start - 1)) || s.w(cm.start) == "in" else { continue }
            let negated = s.negated(before: cm.start, distance: 3)
            plan.filters.append(PlanFilter(.column(c.name), negated ? .equals : .greater, [.integer(0)], phrase: negated ? "no \(c.label)" : "some \(c.label)"))
            s.setRole(m, .filter)
        }
    }
}
