import TableTalkCore
import Synchronization

/// Questions a user could ask, built from a table's schema ("What is the total sales by region?") and kept only
/// when the translator answers them on that table without any filter (so none can decline or come back empty
/// because a word of the question was misread as a condition).
enum Suggestions {
    /// Candidate questions, most useful first, before any check; each inner list holds wordings of one question,
    /// of which the first that checks out is offered.
    static func candidates(for table: TableProfile, focus: ColumnProfile? = nil) -> [[String]] {
        let numeric = table.columns.filter { c in
            c.role == .number && !c.has("identifier") && !c.lowerIsBetter && (c.info.distinctCount ?? 100) > 1
        }.sorted { ($0.info.distinctCount ?? 0) > ($1.info.distinctCount ?? 0) }
        let categories = table.columns.filter { c in
            c.role == .text && !c.isUnique && (c.info.distinctCount ?? Int.max) <= 50 && (c.info.distinctCount ?? 2) > 1
        } + table.columns.filter { $0.role == .booleanText }
        let date = table.columns.first { $0.role.isTemporal }
        let label: (ColumnProfile) -> String = { $0.label.split(whereSeparator: \.isNewline).joined(separator: " ").lowercased() }
        var out: [String] = []
        let n = focus.flatMap { $0.role.isNumeric ? $0 : nil } ?? numeric.first
        let cat = focus.flatMap { $0.role == .text ? $0 : nil } ?? categories.first
        let agg = { (c: ColumnProfile) in c.isIntensive ? "average" : "total" }
        if let n, let cat { out.append("What is the \(agg(n)) \(label(n)) by \(label(cat))?") }
        if let n, let cat { out.append("Which \(label(cat)) has the highest average \(label(n))?") }
        if let cat { out.append("How many rows are there per \(label(cat))?") }
        if let n, date != nil { out.append("What is the \(agg(n)) \(label(n)) per month?") }
        if let n { out.append("What is the \(agg(n)) \(label(n))?") }
        if let n, let cat = categories.dropFirst().first { out.append("What is the \(agg(n)) \(label(n)) by \(label(cat))?") }
        return out.map { [$0] } + [["How many rows are in \(table.name.replacingUnderscores)?", "How many rows are there?"]]
    }

    /// Up to `limit` candidates that `translator` answers on `table` alone, with no filter in the plan.
    static func verified(for table: TableProfile, translator: RulesTranslator, focus: ColumnProfile? = nil, limit: Int = 4) -> [String] {
        // the same table gets the same suggestions: verify them once (a clarification would otherwise translate
        // every candidate again)
        let key = CacheKey(table: table.info, focus: focus?.name, limit: limit)
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let out = verify(for: table, translator: translator, focus: focus, limit: limit)
        cache.withLock { c in
            if c.count >= 64 { c.removeAll() }
            c[key] = out
        }
        return out
    }

    private struct CacheKey: Hashable, Sendable {
        var table: TableInfo
        var focus: String?
        var limit: Int
    }

    private static let cache = Mutex<[CacheKey: [String]]>([:])

    private static func verify(for table: TableProfile, translator: RulesTranslator, focus: ColumnProfile?, limit: Int) -> [String] {
        var quiet = translator
        quiet.suggests = false
        guard table.info.rowCount > 0 else { return [] }
        let context = TranslationContext(tables: [table.info])
        var out: [String] = []
        for wordings in candidates(for: table, focus: focus) where out.count < limit {
            let answered = wordings.first { q in
                let t = quiet.translateNow(q, context: context)
                guard !t.needsClarification, t.sql != nil, let plan = t.plan, plan.table == table.name, !out.contains(q) else { return false }
                return plan.filters.allSatisfy { $0.op == .isNotNull || $0.phrase == PlanBuilder.totalRowPhrase }
            }
            if let answered { out.append(answered) }
        }
        return out
    }
}
