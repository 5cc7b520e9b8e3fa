public import TableTalkCore

/// Says in one line of plain English what a plan computes ("Average salary by department, where office is
/// Berlin"), using the columns' original headers.
public struct Restater: Sendable {
    /// Column name → header as the user knows it.
    let labels: [String: String]
    /// Table → column → the user's own name the question used for it ("amount" → "revenue"), said next to the
    /// column's header in measures and groupings ("Total amount (you call it revenue) by region").
    let calledBy: [String: [String: String]]
    /// The question's own word for the rows ("orders"), said instead of "rows" in counts and shares.
    public var rowsCalled: String?
    private var rows: String { rowsCalled ?? "rows" }

    /// - Parameters:
    ///   - tables: the catalog, for column labels; unknown columns are shown by name.
    ///   - calledBy: table → column → the user's name for it that the question used.
    public init(tables: [TableInfo] = [], calledBy: [String: [String: String]] = [:]) {
        var l: [String: String] = [:]
        for t in tables { for c in t.columns where !c.label.isEmpty { l[c.name] = c.label } }
        labels = l
        self.calledBy = calledBy
    }

    /// The plan in one English sentence fragment, with headers as the user wrote them.
    public func restate(_ plan: QueryPlan) -> String {
        var head = subject(plan)
        if !plan.dimensions.isEmpty && !(plan.limit != nil && plan.focus == .dimension(0)) {
            head += " by " + plan.dimensions.map { lower(exprLabel($0)) + calledNote($0, plan) }.joined(separator: " and ")
        }
        let shown = plan.filters.filter { !isHousekeeping($0, plan) }
        // a calendar period reads as a scope: "Total amount by region, 2024 only"
        let periods = shown.filter(isPeriod)
        let conditions = shown.filter { !isPeriod($0) }
        if !conditions.isEmpty { head += ", where " + conditions.map(filterText).joined(separator: " and ") }
        if !periods.isEmpty { head += ", " + periods.compactMap { $0.phrase?.dropFirst(3) }.joined(separator: " and ") + " only" }
        // "…, only groups where number of rows is above 10000"
        if !plan.groupConditions.isEmpty {
            head += ", only groups where " + plan.groupConditions.map { g in
                filterText(PlanFilter(.column(measureText(g.measure, plan)), g.op, g.values))
            }.joined(separator: " and ")
        }
        if let ranking = plan.perGroup, let order = plan.order.first {
            let by: String
            switch order.key {
            case .measure(let i): by = plan.measures.indices.contains(i) ? measureText(plan.measures[i], plan) : "value"
            case .expr(let e): by = lower(exprLabel(e))
            }
            let which = order.descending ? "highest" : "lowest"
            let groups = ranking.partition.map { lower(exprLabel($0)) }.joined(separator: " and ")
            head += ranking.limit == 1 ? ", the \(which) \(by) in each \(groups)" : ", the \(ranking.limit) \(which) by \(by) in each \(groups)"
        }
        if let order = plan.order.first, plan.limit == nil, plan.perGroup == nil, !extremeFilter(plan) {
            head += ", " + (order.descending ? "highest first" : "lowest first")
        }
        return head
    }

    private func extremeFilter(_ plan: QueryPlan) -> Bool {
        plan.filters.contains { $0.values.contains(.maximum) || $0.values.contains(.minimum) }
    }

    // MARK: subject

    private func subject(_ plan: QueryPlan) -> String {
        let measures = plan.measures.map { measureText($0, plan) }
        if plan.arithmetic == .difference, plan.measures.count == 2, plan.measures[0].aggregate == .max, plan.measures[1].aggregate == .min,
            plan.measures[0].expr == plan.measures[1].expr, plan.measures.allSatisfy({ $0.condition.isEmpty })
        {
            // a spread: "Highest minus lowest weight"
            return "Highest minus lowest \(lower(plan.measures[0].expr.map(exprLabel) ?? "value"))"
        }
        if let op = plan.arithmetic, plan.measures.count >= 2 {
            let a = conditionText(plan.measures[0])
            let b = conditionText(plan.measures[1])
            let what = plan.measures[0].expr.map(exprLabel) ?? "rows"
            switch op {
            case .difference: return "Difference in \(lower(what)) between \(a) and \(b)"
            case .absoluteDifference: return "Difference in \(lower(what)) between \(a) and \(b)"
            case .total: return "Combined \(lower(what)) of \(a) and \(b)"
            case .ratio: return "Ratio of \(lower(what)) for \(a) to \(b)"
            }
        }
        // rankings: "School with the highest average reading score", "Top 3 brands by average rating"
        let extreme = plan.filters.contains { $0.values.contains(.maximum) || $0.values.contains(.minimum) }
        if let limit = plan.limit ?? (extreme ? 1 : nil), let order = plan.order.first, let focus = plan.focus ?? (extreme ? .column(0) : nil) {
            let entity: String
            switch focus {
            case .dimension(let i): entity = plan.dimensions.indices.contains(i) ? exprLabel(plan.dimensions[i]) : "Row"
            case .column(let i): entity = plan.columns.indices.contains(i) ? exprLabel(plan.columns[i]) : "Row"
            case .measure: entity = "Value"
            }
            let by: String
            switch order.key {
            case .measure(let i): by = plan.measures.indices.contains(i) ? lower(measures[i]) : "value"
            case .expr(.rowPosition):
                let word = order.descending ? "Last" : "First"
                if let f = plan.filters.first(where: { $0.expr == .rowPosition }), case .positionOf(_, let v)? = f.values.first {
                    return "\(entity) of the row \(f.op == .greater ? "after" : "before") \(v)"
                }
                return limit == 1 ? "\(word) \(lower(entity)) in the table" : "\(word) \(limit) \(lower(entity)) in the table"
            case .expr(let e): by = lower(exprLabel(e))
            }
            if limit == 1 { return sentenceCase("\(entity) with the \(order.descending ? "highest" : "lowest") \(by)") }
            return "\(order.descending ? "Top" : "Bottom") \(limit) \(plural(lower(entity))) by \(by)"
        }
        if !measures.isEmpty {
            let cols = plan.columns.map(exprLabel)
            return sentenceCase((cols + measures).joined(separator: " and "))
        }
        let cols = plan.columns.map(exprLabel)
        return cols.isEmpty ? "Rows of \(plan.table)" : sentenceCase((plan.distinct ? "distinct " : "") + cols.joined(separator: ", "))
    }

    private func measureText(_ m: Measure, _ plan: QueryPlan) -> String {
        let what = m.expr.map { exprLabel($0) + calledNote($0, plan) }
        var text: String
        switch m.aggregate {
        case .count: text = what.map { "number of \(lower($0)) values" } ?? "number of \(rows)"
        case .countDistinct: text = "number of distinct \(lower(what ?? "values"))"
        case .sum: text = "total \(lower(what ?? ""))"
        case .avg: text = "average \(lower(what ?? ""))"
        case .min: text = "lowest \(lower(what ?? ""))"
        case .max: text = "highest \(lower(what ?? ""))"
        case .median: text = "median \(lower(what ?? ""))"
        }
        if m.percentOfTotal {
            if !m.condition.isEmpty {
                let part = m.condition.map(filterText).joined(separator: " and ")
                text = m.aggregate == .count && m.expr == nil ? "share of \(rows) where \(part) (%)" : "share of \(text) where \(part) (%)"
            } else {
                text += " as a percentage of the total"
            }
        } else if !m.condition.isEmpty {
            text += " where " + m.condition.map(filterText).joined(separator: " and ")
        }
        return text
    }

    private func conditionText(_ m: Measure) -> String {
        m.condition.map { f in f.values.compactMap(valueText).joined(separator: " or ") }.joined(separator: ", ")
    }

    /// "customer" → "customers", "month of order date" → "months of order date"; a word ending in s stays.
    func plural(_ label: String) -> String {
        let parts = label.split(separator: " of ", maxSplits: 1, omittingEmptySubsequences: false)
        let head = String(parts[0])
        let tail = parts.count > 1 ? " of " + parts[1] : ""
        guard let last = head.split(separator: " ").last, last.allSatisfy(\.isLetter), !last.hasSuffix("s") else { return label }
        let word = String(last)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let plural: String
        if word.hasSuffix("y"), word.count > 1, !vowels.contains(word[word.index(word.endIndex, offsetBy: -2)]) {
            plural = word.dropLast() + "ies"
        } else if ["x", "z", "ch", "sh"].contains(where: { word.hasSuffix($0) }) {
            plural = word + "es"
        } else {
            plural = word + "s"
        }
        return head.dropLast(word.count) + plural + tail
    }

    // MARK: filters

    /// A calendar period on a date column ("in 2024", "in March 2023"): restated as a scope, not a condition.
    private func isPeriod(_ f: PlanFilter) -> Bool {
        f.op == .range && (f.phrase?.hasPrefix("in ") ?? false) && f.values.allSatisfy { if case .date = $0 { true } else { false } }
    }

    /// Filters that only keep NULLs out of a ranking.
    private func isHousekeeping(_ f: PlanFilter, _ plan: QueryPlan) -> Bool {
        (f.op == .isNotNull && (plan.limit != nil || !plan.order.isEmpty)) || f.values.contains(.maximum) || f.values.contains(.minimum)
            || (f.expr == .rowPosition && plan.limit != nil)
    }

    func filterText(_ f: PlanFilter) -> String {
        if let phrase = f.phrase {
            // date phrases are adverbs ("in 2023", "after 2020"); others are whole predicates ("free lunch")
            let adverb = ["in ", "after ", "before ", "from ", "up to "].contains { phrase.hasPrefix($0) }
            return adverb ? "\(lower(exprLabel(f.expr))) \(phrase)" : phrase
        }
        let x = lower(exprLabel(f.expr))
        let vs = f.values.compactMap(valueText)
        let v = vs.first ?? ""
        switch f.op {
        case .equals: return "\(x) is \(v)"
        case .notEquals: return "\(x) is not \(v)"
        case .less: return "\(x) is below \(v)"
        case .lessOrEqual: return "\(x) is at most \(v)"
        case .greater: return "\(x) is above \(v)"
        case .greaterOrEqual: return "\(x) is at least \(v)"
        case .between, .range: return "\(x) is between \(vs.first ?? "") and \(vs.dropFirst().first ?? "")"
        case .isIn: return "\(x) is \(orList(vs))"
        case .notIn: return "\(x) is not \(orList(vs))"
        case .contains: return "\(x) contains \(v)"
        case .isNull: return "\(x) is missing"
        case .isNotNull: return "\(x) is present"
        }
    }

    private func valueText(_ v: PlanValue) -> String? {
        switch v {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .date(let s): return s
        case .latestPeriodStart(let b, let n): return n == 1 ? "the last \(b.noun)" : "the last \(n) \(b.noun)s"
        case .positionOf(_, let value): return value
        case .valueAt(_, let key): return "that of \(key)"
        case .maximum: return "the largest value"
        case .minimum: return "the smallest value"
        }
    }

    private func orList(_ items: [String]) -> String {
        items.count <= 1 ? (items.first ?? "") : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    // MARK: labels

    /// " (you call it revenue)" when the question reached this column through the user's own name for it.
    private func calledNote(_ e: PlanExpr, _ plan: QueryPlan) -> String {
        switch e {
        case .column(let c), .leadingNumber(let c), .durationSeconds(let c):
            return calledBy[plan.table]?[c].map { " (you call it \($0))" } ?? ""
        default: return ""
        }
    }

    func exprLabel(_ e: PlanExpr) -> String {
        switch e {
        case .column(let c), .leadingNumber(let c), .durationSeconds(let c): return label(c)
        case .bucket(let c, let b): return "\(b.noun) of \(lower(label(c)))"
        case .datePart(let c, let p): return "\(p == .year ? "year" : p == .monthOfYear ? "month" : "weekday") of \(lower(label(c)))"
        case .product(let a, let b): return "\(label(a)) × \(lower(label(b)))"
        case .rowPosition: return "position in the table"
        }
    }

    private func label(_ column: String) -> String {
        let raw = labels[column] ?? column.replacingUnderscores
        return raw.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    private func lower(_ s: String) -> String {
        // lower-case only plain capitalised words ("Math Score" → "math score"), keep acronyms ("GDP")
        s.split(separator: " ", omittingEmptySubsequences: false).map { w in
            w.count > 1 && w.dropFirst().allSatisfy({ $0.isUppercase }) ? String(w) : w.lowercased()
        }.joined(separator: " ")
    }

    private func sentenceCase(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}
