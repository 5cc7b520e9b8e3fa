import Foundation
import TableTalkCore

/// What each stretch of a question was read as, derived from a finished parse: the linked mentions (columns,
/// values, the table), the cues the builder found (counts, aggregates, superlatives, limits, groups, negations)
/// and the filters it made. Words nobody explained come out as ``UnderstoodSpan/Kind/unknown``.
enum Understanding {
    /// Spans in question order; consecutive words with the same reading form one span.
    static func spans(question: String, reading: RulesTranslator.Reading, plan: QueryPlan?) -> [UnderstoodSpan] {
        guard let s = reading.draft.state else { return [] }
        let tokens = s.tokens
        var slot: [(kind: UnderstoodSpan.Kind, meaning: String)?] = Array(repeating: nil, count: tokens.count)
        func put(_ i: Int, _ kind: UnderstoodSpan.Kind, _ meaning: String) {
            if tokens.indices.contains(i), slot[i] == nil { slot[i] = (kind, meaning) }
        }
        // filters first: a value or number inside a comparison reads as that comparison
        for (k, f) in s.filters.enumerated() where k < s.filterAt.count {
            let kind: UnderstoodSpan.Kind = isTemporal(f, s.table) ? .time : (f.op == .equals || f.op == .isIn ? .value : .operator)
            let meaning = filterMeaning(f)
            var i = s.filterAt[k]
            put(i, kind, meaning)
            // the rest of the phrase: following words the builder used that no mention owns
            i += 1
            while i < tokens.count, s.used[i], s.q.owners[i] == nil, slot[i] == nil, !s.negations.contains(i), !s.groupAt.contains(i) {
                put(i, kind, meaning)
                i += 1
            }
        }
        for (i, owner) in s.q.owners.enumerated() {
            switch owner {
            case .table?: put(i, .table, s.table.name)
            case .column(let m)?: put(i, .column, s.column(m).name)
            case .value(let v)?: put(i, .value, valueMeaning(s.q.valueMentions[v], plan: plan))
            case nil: break
            }
        }
        for cue in s.aggregateCues { put(cue.pos, .aggregate, cue.cue.aggregate.rawValue) }
        if let c = s.countAt {
            let meaning = s.countDistinct ? "count distinct" : "count"
            if c > 0, s.used[c - 1], s.q.owners[c - 1] == nil { put(c - 1, .aggregate, meaning) }  // "how many"
            put(c, .aggregate, meaning)
        }
        if let sup = s.superlative { put(sup.pos, .order, sup.direction == .up ? "highest" : "lowest") }
        if let at = s.limitAt {
            let n = plan?.limit ?? s.limit.map { $0 } ?? tokens[at].integer ?? 0
            if at > 0, s.used[at - 1], s.q.owners[at - 1] == nil { put(at - 1, .limit, "\(n)") }  // "top 10"
            put(at, .limit, "\(n)")
        }
        if let d = s.orderDirection {
            let meaning = d == .up ? "ascending" : "descending"
            for i in tokens.indices where s.used[i] && slot[i] == nil && s.q.owners[i] == nil && Vocabulary.stopwords.contains(tokens[i].word) == false
                && (s.orderAt == i || i == tokens.count - 1 || tokens[i].word.hasSuffix("ending") || tokens[i].word.hasPrefix("alpha"))
            {
                put(i, .order, meaning)
            }
        }
        let groups = (plan?.dimensions ?? []).map(exprMeaning)
        for g in s.groupAt {
            if let b = s.bucket, tokens.indices.contains(g + 1), DateWords.units[tokens[g + 1].word] == b {
                put(g, .time, "by \(b.noun)")
                put(g + 1, .time, "by \(b.noun)")
            } else if !groups.isEmpty {
                put(g, .operator, "group by " + groups.joined(separator: ", "))
            }
        }
        if let b = s.bucket {
            for i in tokens.indices where s.used[i] && slot[i] == nil && DateWords.bucketAdverbs[tokens[i].word] == b { put(i, .time, "by \(b.noun)") }
        }
        for n in s.negations { put(n, .operator, "not") }
        for i in s.unexplained { put(i, .unknown, "not understood") }
        return group(slot, tokens: tokens, question: question)
    }

    // MARK: meanings

    static func filterMeaning(_ f: PlanFilter) -> String {
        let x = exprMeaning(f.expr)
        if let phrase = f.phrase { return "\(x) \(phrase)" }
        let vs = f.values.map(valueText)
        switch f.op {
        case .equals: return "\(x) = \(vs.first ?? "")"
        case .notEquals: return "\(x) ≠ \(vs.first ?? "")"
        case .less: return "\(x) < \(vs.first ?? "")"
        case .lessOrEqual: return "\(x) ≤ \(vs.first ?? "")"
        case .greater: return "\(x) > \(vs.first ?? "")"
        case .greaterOrEqual: return "\(x) ≥ \(vs.first ?? "")"
        case .between: return "\(x) between \(vs.first ?? "") and \(vs.dropFirst().first ?? "")"
        case .range: return "\(vs.first ?? "") ≤ \(x) < \(vs.dropFirst().first ?? "")"
        case .isIn: return "\(x) in (\(vs.joined(separator: ", ")))"
        case .notIn: return "\(x) not in (\(vs.joined(separator: ", ")))"
        case .contains: return "\(x) contains \(vs.first ?? "")"
        case .isNull: return "\(x) is missing"
        case .isNotNull: return "\(x) is present"
        }
    }

    static func exprMeaning(_ e: PlanExpr) -> String {
        switch e {
        case .column(let c), .leadingNumber(let c), .durationSeconds(let c): return c
        case .bucket(let c, let b): return "\(b.noun) of \(c)"
        case .datePart(let c, let p): return "\(p == .year ? "year" : p == .monthOfYear ? "month" : "weekday") of \(c)"
        case .product(let a, let b): return "\(a) × \(b)"
        case .rowPosition: return "row position"
        }
    }

    static func valueText(_ v: PlanValue) -> String {
        switch v {
        case .text(let s), .date(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .latestPeriodStart(let b, let n): return n == 1 ? "the last \(b.noun)" : "the last \(n) \(b.noun)s"
        case .positionOf(_, let value): return "the row of \(value)"
        case .valueAt(let key, let value): return "that of \(key) = \(value)"
        case .maximum: return "the largest"
        case .minimum: return "the smallest"
        }
    }

    /// "region = West", or the filter the plan made of the value ("region ≠ West").
    static func valueMeaning(_ v: ValueMention, plan: QueryPlan?) -> String {
        let filters = (plan?.filters ?? []) + (plan?.measures ?? []).flatMap(\.condition)
        for hit in v.hits {
            if let f = filters.first(where: { $0.expr.column == hit.column && $0.values.contains(.text(hit.stored)) }) {
                return f.op == .notEquals || f.op == .notIn ? "\(hit.column) ≠ \(hit.stored)" : "\(hit.column) = \(hit.stored)"
            }
        }
        return v.hits.first.map { "\($0.column) = \($0.stored)" } ?? "a value"
    }

    static func isTemporal(_ f: PlanFilter, _ table: TableProfile) -> Bool {
        switch f.expr {
        case .bucket, .datePart: return true
        case .column(let c): return table.column(named: c)?.role.isTemporal ?? false
        default: return false
        }
    }

    // MARK: spans

    /// Consecutive tokens with one reading become one span, located in the question's text.
    static func group(_ slot: [(kind: UnderstoodSpan.Kind, meaning: String)?], tokens: [Token], question: String) -> [UnderstoodSpan] {
        let offsets = locate(tokens, in: question)
        var out: [UnderstoodSpan] = []
        var i = 0
        while i < tokens.count {
            guard let here = slot[i] else {
                i += 1
                continue
            }
            var j = i + 1
            while j < tokens.count, let next = slot[j], next.kind == here.kind, next.meaning == here.meaning { j += 1 }
            let start = offsets[i]?.lowerBound
            let end = offsets[j - 1]?.upperBound
            var text = tokens[i..<j].map(\.original).joined(separator: " ")
            if let start, let end, start < end {
                let chars = Array(question)
                text = String(chars[start..<end])
            }
            out.append(UnderstoodSpan(text: text, start: start, end: end.flatMap { e in start.map { $0 < e ? e : nil } ?? nil }, kind: here.kind, meaning: here.meaning))
            i = j
        }
        return out
    }

    /// Character offsets of each token in the question (nil when the token's text is not found there, e.g. a
    /// number written in words that were merged).
    static func locate(_ tokens: [Token], in question: String) -> [Range<Int>?] {
        var out: [Range<Int>?] = []
        var cursor = question.startIndex
        for t in tokens {
            let needle = t.original
            if !needle.isEmpty, let r = question.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive], range: cursor..<question.endIndex) {
                let a = question.distance(from: question.startIndex, to: r.lowerBound)
                let b = question.distance(from: question.startIndex, to: r.upperBound)
                out.append(a..<b)
                cursor = r.upperBound
            } else {
                out.append(nil)
            }
        }
        return out
    }
}
