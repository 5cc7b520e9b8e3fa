import TableTalkCore

/// Puts the pieces together: rankings (superlatives, top-N), positions, shares, counts, aggregates and
/// lookups, in that order of precedence.
extension PlanBuilder {
    mutating func assemble() -> QueryPlan? {
        var plan = QueryPlan(table: s.table.name)
        plan.dimensions = dimensions()
        var measures = s.measureCues.map { Measure($0.cue.aggregate, measureExpr(s.column($0.mention), $0.cue)) }
        if measures.isEmpty, let derived = derivedMeasure() { measures = [derived] }
        let built: QueryPlan?
        if s.superlative != nil || s.limitDirection != nil || s.rankOrder != nil {
            built = ranking(plan, measures)
        } else if s.position != nil && s.countAt == nil {
            built = positional(plan)
        } else if s.shareAt != nil {
            built = share(plan, measures)
        } else if s.countAt != nil {
            built = count(plan)
        } else if !measures.isEmpty {
            plan.measures = measures
            built = plan
        } else {
            built = lookup(plan)
        }
        guard var result = built else { return nil }
        result.filters = s.filters + result.filters
        barePredicates(&result)
        return result
    }

    // MARK: pieces

    /// Group-by expressions from dimension mentions and bucket words.
    mutating func dimensions() -> [PlanExpr] {
        var dims: [PlanExpr] = []
        for m in s.q.columnMentions.indices where s.roles[m] == .dimension {
            let c = s.column(m)
            dims.append(c.role.isTemporal ? .bucket(c.name, s.bucket ?? .day) : .column(c.name))
        }
        if let bucket = s.bucket, !dims.contains(where: { if case .bucket = $0 { return true } else { return false } }) {
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
        if targetMeasure == nil && target == nil {
            if s.mostFrequent {
                targetMeasure = .rowCount
            } else if let m = s.sortMention {
                target = s.column(m)
            } else if let readings = s.superlative?.readings, !readings.isEmpty,
                let m = s.freeMentions.first(where: { m in readings.contains { r in s.column(m).concepts.contains(r.concept) } && isNumericLike(s.column(m)) })
            {
                target = s.column(m)
                s.setRole(m, .measure)
            } else if let pos = s.superlative?.pos ?? s.tokens.indices.first,
                let m = s.nearestMention(to: pos, maxDistance: 12, preferRight: true, { (s.roles[$0] == nil || s.roles[$0] == .measure) && (isNumericLike(s.column($0)) || s.column($0).role.isTemporal) })
            {
                target = s.column(m)
                s.setRole(m, .measure)
            } else if let a = answerMention, isNumericLike(s.column(a)) || s.column(a).role.isTemporal {
                target = s.column(a)
                s.setRole(a, .measure)
            } else if let readings = s.superlative?.readings, let (c, d) = columnForReadings(readings) {
                target = c
                dir = d
            } else if ["most", "least", "fewest"].contains(word) || s.limitDirection != nil {
                targetMeasure = .rowCount
            } else {
                s.problems.append("“\(word)” — by which column?")
                return nil
            }
        }
        if let t = target, ["best", "worst", "top", "bottom", "highest", "lowest"].contains(word) && t.lowerIsBetter { dir = dir.flipped }
        if let loose = s.looseAggregate, targetMeasure == nil, let t = target {
            targetMeasure = Measure(loose.aggregate, numericExpr(t))
        }
        let entity = answerColumn(allowFree: true) ?? plan.dimensions.first.flatMap { d in d.column.flatMap { s.table.column(named: $0) } }
        let n = s.limit ?? 1
        plan.limit = n
        guard let entity, entity.name != target?.name || targetMeasure != nil else {
            // no entity: a single extreme value ("hottest temperature in Madrid")
            if let tm = targetMeasure {
                plan.measures = [tm]
                if !plan.dimensions.isEmpty { plan.order = [PlanOrder(.measure(0), descending: dir == .up)] } else { plan.limit = nil }
                return plan
            }
            guard let t = target else { return nil }
            if n == 1 && plan.dimensions.isEmpty {
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
        let grouped = targetMeasure != nil || (quantityWord && !entity.isUnique && entity.role == .text && target.map { !$0.isIntensive } ?? true)
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
            plan.filters.append(PlanFilter(texpr, .isNotNull))
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
            plan.order = [PlanOrder(.expr(.rowPosition), descending: !isFirst)]
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
        if measures.isEmpty, let free = s.freeMentions.first(where: { isNumericLike(s.column($0)) && s.q.columnMentions[$0].start > at }) {
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
            if c.role == .number && !c.isUnique && !c.has("identifier") && !c.has("rank") {
                s.setRole(m, .measure)
                plan.measures = [Measure(.sum, .column(c.name))]
                return plan
            }
            if c.role == .numericText && !c.isUnique && !c.lowerIsBetter {
                s.setRole(m, .measure)
                plan.measures = [Measure(.sum, .leadingNumber(c.name))]
                return plan
            }
            if c.role == .text && (s.countDistinct || (!c.isUnique && c.info.distinctCount != nil && !hasFilter(on: c.name))) {
                s.setRole(m, .measure)
                plan.measures = [Measure(.countDistinct, .column(c.name))]
                return plan
            }
            s.setRole(m, .absorbed)
        }
        plan.measures = [.rowCount]
        return plan
    }

    private func hasFilter(on column: String) -> Bool { s.filters.contains { $0.expr.column == column } }

    /// Lookups and lists: "what is the population of X", "which schools have at least 40 finals".
    private mutating func lookup(_ base: QueryPlan) -> QueryPlan? {
        var plan = base
        let freeNumeric = s.freeMentions.filter { isNumericLike(s.column($0)) }
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
        if let answer = answerColumn(allowFree: false) {
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
                plan.columns.append(.column(s.column(m).name))
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
            guard c.role == .number, ["in", "with", "have", "has", "had"].contains(s.w(cm.start - 1)) || s.q.tokens.indices.contains(cm.start) && s.w(cm.start) == "in" else { continue }
            let negated = s.negated(before: cm.start, distance: 3)
            plan.filters.append(PlanFilter(.column(c.name), negated ? .equals : .greater, [.integer(0)], phrase: negated ? "no \(c.label)" : "some \(c.label)"))
            s.setRole(m, .filter)
        }
    }
}
