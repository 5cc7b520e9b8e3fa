import TableTalkCore

/// Calendar units as the thing asked about: "which month had the most deaths" (the date column in months),
/// "how many years of data are there" (distinct years), and "how much … came from …" over a table with one
/// measure column.
extension PlanBuilder {
    mutating func parseCalendarAnswer() {
        // "what time of day …" over a table that has dates but no times
        if let q = s.questionWord, ["what", "which"].contains(q.word), BuilderWords.timeOfDayNouns.contains(s.w(q.pos + 1)),
            !s.table.columns.contains(where: { $0.role == .timestamp })
        {
            s.problems.append("“\(s.tokens[q.pos + 1].original)” — \(s.table.name) has dates but no times of day")
        }
        // "how many GWh came from …": a unit asked for is the table's one measure, summed
        if let c = s.countAt, let u = s.tok(c + 2), u.kind == .word, Units.unit(u.word) != nil, s.q.owners[c + 2] == nil, soleMeasureColumn() != nil {
            s.unitAsked = c + 2
            s.use(c + 2)
        }
        // "the number of years …", "how many seasons …" without a date column: the rows are counted
        if dateColumn(near: 0) == nil, let c = s.countAt, let k = [c + 1, c + 2].first(where: { DateWords.units[s.w($0)] != nil && s.q.columnMention(at: $0) == nil }) {
            s.use(k)
            return
        }
        // "… and how many mpg?": asks for a numeric column's value, not for a count
        if let c = s.countAt, c > 0, s.w(c - 1) == "and", let m = s.q.columnMention(at: c + 2), isNumericLike(s.column(m)), !isIdentifierLike(s.column(m)) {
            s.countAt = nil
            s.setRole(m, .answer)
        }
        guard dateColumn(near: 0) != nil else { return }
        // "top 3 months by …": the date column answers, in that bucket
        if let at = s.limitAt, let unit = DateWords.units[s.w(at + 1)], s.q.columnMention(at: at + 1) == nil, let dc = dateColumn(near: at) {
            s.impliedAnswer = dc
            s.answerBucket = unit
            s.use(at + 1)
        }
        if let q = s.questionWord, ["which", "what"].contains(q.word), let unit = DateWords.units[s.w(q.pos + 1)],
            s.q.columnMention(at: q.pos + 1) == nil, let dc = dateColumn(near: q.pos)
        {
            s.impliedAnswer = dc
            s.answerBucket = unit
            s.use(q.pos + 1)
        }
        if let c = s.countAt, let dc = dateColumn(near: c), let k = [c + 1, c + 2].first(where: { k in
            DateWords.units[s.w(k)] != nil && (s.q.columnMention(at: k).map { s.column($0).name == dc.name } ?? true)
        }) {
            // "how many days …" counts rows (a row is usually a day); coarser units count distinct buckets
            if DateWords.units[s.w(k)] != .day { s.countBucket = DateWords.units[s.w(k)] }
            s.use(k)
            if let m = s.q.columnMention(at: k) { s.setRole(m, .absorbed) }
        }
    }

    /// "how much electricity came from …" names no column: the table's one measure column, summed.
    mutating func applyHowMuch(_ plan: inout QueryPlan) {
        guard !plan.isAggregate, plan.dimensions.isEmpty, s.aggregateCues.contains(where: { s.w($0.pos) == "how" && s.w($0.pos + 1) == "much" }),
            let c = soleMeasureColumn()
        else { return }
        plan.columns = []
        plan.distinct = false
        plan.order = []
        plan.limit = nil
        plan.measures = [Measure(.sum, numericExpr(c))]
        plan.focus = nil
    }
}
