import TableTalkCore

/// Words a finished plan accounts for although no construct took them: an adjective that points at a column the
/// plan already uses ("how heavy is its brain", "how big is the gas tank"), a kind noun right after a column
/// ("the clarity grade"), a rate after a unit ("5 hours a day").
extension PlanBuilder {
    mutating func explainByPlan(_ plan: QueryPlan?) {
        guard let plan else { return }
        var columns = Set((plan.dimensions + plan.columns + plan.filters.map(\.expr) + plan.measures.compactMap(\.expr)).flatMap(\.columns))
        for g in plan.groupConditions { if let e = g.measure.expr { columns.formUnion(e.columns) } }
        // "the last time", "the next most": a position or a neighbour the plan already ranks by
        let positional = plan.order.contains { $0.key == .expr(.rowPosition) } || plan.limit != nil
            || plan.filters.contains { f in f.values.contains { if case .valueAt = $0 { return true }; if case .positionOf = $0 { return true }; return false } }
        for i in s.unexplained {
            if positional && Phrasings.positionWords.contains(s.w(i)) {
                s.use(i)
                if BuilderWords.timesNouns.contains(s.w(i + 1)) || s.w(i + 1) == "one" { s.use(i + 1) }
                continue
            }
            let t = s.tokens[i]
            if let readings = Adjectives.readings(ofStem: t.stem),
                s.table.columns.contains(where: { c in columns.contains(c.name) && readings.contains { c.concepts.contains($0.concept) } })
            {
                s.use(i)
            } else if Phrasings.kindNouns.contains(t.word), let m = s.q.columnMention(at: i - 1), columns.contains(s.column(m).name) {
                s.use(i)
            } else if DateWords.units[t.word] != nil, ["a", "per", "each"].contains(s.w(i - 1)), s.used[i - 2] || Units.unit(s.w(i - 2)) != nil {
                s.use(i - 1...i)
            }
        }
    }

    /// Columns an adjective fits equally well ("heaviest" over `brainwt` and `bodywt`): more than one means the
    /// question must say which.
    func readingTies(_ readings: [Adjectives.Reading]) -> [ColumnProfile] {
        for r in readings {
            let fits = s.table.columns.filter { c in (c.role.isNumeric || c.role.isTemporal) && c.concepts.contains(r.concept) }
            if !fits.isEmpty { return fits }
        }
        return []
    }
}
