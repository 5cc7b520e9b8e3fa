import TableTalkCore

/// Date phrases: "in 2023", "March 2023", "in July", "last quarter", "past 3 months", "after 2020",
/// "between 2019 and 2021", "the 1990s", "Q3 2022".
extension PlanBuilder {
    /// The date column a phrase near `i` refers to: a temporal column mentioned nearby, else the only one.
    func dateColumn(near i: Int) -> ColumnProfile? {
        let temporal = s.table.columns.filter { $0.role.isTemporal }
        if let m = s.nearestMention(to: i, maxDistance: 8, { s.column($0).role.isTemporal }) { return s.column(m) }
        return temporal.first
    }

    /// A year column (role `.year`) near `i`, else the only one.
    func yearColumn(near i: Int) -> ColumnProfile? {
        if let m = s.nearestMention(to: i, maxDistance: 6, { s.column($0).role == .year }) { return s.column(m) }
        let years = s.table.columns.filter { $0.role == .year }
        return years.count == 1 ? years[0] : years.first { $0.has(anyOf: BuilderWords.yearNouns) } ?? years.first
    }

    /// Marks a temporal column mention near `i` as used by a filter.
    mutating func claimDateMention(_ column: ColumnProfile, near i: Int) {
        if let m = s.nearestMention(to: i, maxDistance: 8, { s.column($0).name == column.name && s.roles[$0] == nil }) {
            s.roles[m] = .filter
        }
    }

    mutating func parseDates() {
        var i = 0
        while i < s.tokens.count {
            if !s.used[i] { parseDate(at: &i) }
            i += 1
        }
    }

    private mutating func parseDate(at i: inout Int) {
        let word = s.w(i)
        let t = s.tokens[i]
        // relative periods: last quarter, past 3 months, this year
        if DateWords.relative.contains(word), s.q.owners[i] == nil {
            var j = i + 1
            var count = 1
            if j < s.tokens.count, s.tokens[j].kind == .number, let n = s.tokens[j].integer, n > 0, n < 1000 {
                count = n
                j += 1
            }
            if let unit = DateWords.units[s.w(j)], !BuilderWords.dateNouns.contains(s.w(j)), let col = dateColumn(near: i) {
                let phrase = count == 1 ? "the last \(unit.noun) of the data" : "the last \(count) \(unit.noun)s of the data"
                s.addFilter(PlanFilter(.column(col.name), .greaterOrEqual, [.latestPeriodStart(unit, count: count)], phrase: "in " + phrase), at: i)
                claimDateMention(col, near: i)
                s.use(i...j)
                i = j
                return
            }
        }
        // "the third quarter of 2023"
        if t.isOrdinal, let qn = t.integer, (1...4).contains(qn), BuilderWords.quarterNouns.contains(s.w(i + 1)) {
            var j = i + 2
            if s.w(j) == "of" || s.w(j) == "in" { j += 1 }
            if let yt = s.tok(j), yt.isYear, let y = yt.integer, let col = dateColumn(near: i) {
                let start = DateWords.iso(y, 3 * (qn - 1) + 1)
                let end = qn == 4 ? DateWords.iso(y + 1) : DateWords.iso(y, 3 * qn + 1)
                s.addFilter(PlanFilter(.column(col.name), .range, [.date(start), .date(end)], phrase: "in Q\(qn) \(y)"), at: i)
                claimDateMention(col, near: i)
                s.use(i...j)
                i = j
                return
            }
        }
        // quarters: q3 2022
        if word.count == 2, let prefix = word.first, BuilderWords.quarterPrefixes.contains(String(prefix)), let qn = Int(word.dropFirst()), (1...4).contains(qn),
            i + 1 < s.tokens.count, s.tokens[i + 1].isYear, let y = s.tokens[i + 1].integer, let col = dateColumn(near: i)
        {
            let start = DateWords.iso(y, 3 * (qn - 1) + 1)
            let end = qn == 4 ? DateWords.iso(y + 1) : DateWords.iso(y, 3 * qn + 1)
            s.addFilter(PlanFilter(.column(col.name), .range, [.date(start), .date(end)], phrase: "in Q\(qn) \(y)"), at: i)
            claimDateMention(col, near: i)
            s.use(i..<(i + 2))
            i += 1
            return
        }
        // months: "March 2023", "in July", "July 6, 2010", "6 July 2010"
        if let month = DateWords.months[word], s.q.owners[i] == nil, isMonthWord(i) {
            var day: Int?
            var year: Int?
            var dayBefore = false
            var end = i + 1
            if end < s.tokens.count, s.tokens[end].kind == .number, let d = s.tokens[end].integer, (1...31).contains(d), !s.tokens[end].isYear {
                day = d
                end += 1
            } else if i > 0, s.tokens[i - 1].kind == .number, let d = s.tokens[i - 1].integer, (1...31).contains(d), !s.used[i - 1] {
                day = d
                dayBefore = true
                s.use(i - 1)
            }
            if end < s.tokens.count, s.tokens[end].isYear, let y = s.tokens[end].integer {
                year = y
                end += 1
            }
            guard let col = dateColumn(near: i) else {
                // dates kept as text ("March 3", "3 March 2008"): look for the month's name
                if let tc = s.table.columns.first(where: { $0.role == .text && $0.has(anyOf: BuilderWords.textDateColumnWords) }), year == nil {
                    let name = DateWords.monthNames[month - 1]
                    s.addFilter(PlanFilter(.column(tc.name), .contains, [.text(day.map { "\(name) \($0)" } ?? name)], phrase: "in \(name)"), at: i)
                    s.use(i..<end)
                    s.confidence *= 0.9
                    i = end - 1
                }
                return
            }
            let cmp = comparator(before: dayBefore ? i - 1 : i)
            let monthName = DateWords.monthNames[month - 1]
            if let year {
                let start = DateWords.iso(year, month, day ?? 1)
                let endDate = day != nil ? nextDay(year, month, day!) : DateWords.nextMonth(year, month)
                let label = day.map { "\(monthName) \($0), \(year)" } ?? "\(monthName) \(year)"
                addDateFilter(col, start: start, end: endDate, label: label, cmp: cmp, at: i)
            } else if day == nil {
                s.addFilter(PlanFilter(.datePart(col.name, .monthOfYear), .equals, [.integer(Int64(month))], phrase: "in \(monthName)"), at: i)
            } else {
                return
            }
            if let cmp { s.use(cmp.range) }
            claimDateMention(col, near: i)
            s.use(i..<end)
            i = end - 1
            return
        }
        // years: "in 2021", "after 2020", "between 2019 and 2021", "1990s"
        if t.isYear || t.isDecade, s.q.owners[i] == nil || s.q.valueMention(at: i) != nil && !isValueYear(i) {
            guard let y = t.integer, !quantityNamedBefore(i) else { return }
            if let col = dateColumn(near: i) {
                if t.isDecade {
                    addDateFilter(col, start: DateWords.iso(y), end: DateWords.iso(y + (y % 100 == 0 ? 100 : 10)), label: "the \(y)s", cmp: comparator(before: i), at: i)
                    s.use(i)
                    claimDateMention(col, near: i)
                    return
                }
                // between Y1 and Y2 / from Y1 to Y2
                let opener = ["between", "from"].contains(s.w(i - 1)) ? i - 1
                    : ((s.w(i - 1) == "the" || BuilderWords.yearUnitNouns.contains(s.w(i - 1))) && ["between", "from"].contains(s.w(i - 2))) ? i - 2
                    : (BuilderWords.yearUnitNouns.contains(s.w(i - 1)) && ["between", "from"].contains(s.w(i - 3))) ? i - 3 : nil
                if let opener, ["and", "to", "through", "until"].contains(s.w(i + 1)),
                    i + 2 < s.tokens.count, s.tokens[i + 2].isYear, let y2 = s.tokens[i + 2].integer
                {
                    addDateFilter(col, start: DateWords.iso(y), end: DateWords.iso(y2 + 1), label: "\(y)–\(y2)", cmp: nil, at: i)
                    s.use(opener..<(i + 3))
                    claimDateMention(col, near: i)
                    i += 2
                    return
                }
                let cmp = comparator(before: i) ?? comparator(after: i)
                addDateFilter(col, start: DateWords.iso(y), end: DateWords.iso(y + 1), label: "\(y)", cmp: cmp, at: i)
                if let cmp { s.use(cmp.range) }
                if ["in", "during", "of", "for"].contains(s.w(i - 1)) { s.use(i - 1) }
                s.use(i)
                claimDateMention(col, near: i)
            }
        }
    }

    /// A year written as a value of some column ("2007/08" is not a year, "1983" as a stored text value is).
    private func isValueYear(_ i: Int) -> Bool {
        guard let m = s.q.valueMention(at: i) else { return false }
        return !s.q.valueMention(at: i).map { s.q.valueMentions[$0].partial }! && s.q.valueMentions[m].end - s.q.valueMentions[m].start > 1
    }

    /// "may" and "march" are months only next to a day or year, or after "in".
    private func isMonthWord(_ i: Int) -> Bool {
        let word = s.w(i)
        guard BuilderWords.ambiguousMonthWords.contains(word) else { return true }
        let next = i + 1 < s.tokens.count ? s.tokens[i + 1] : nil
        let prev = i > 0 ? s.tokens[i - 1] : nil
        return next?.kind == .number || prev?.kind == .number || BuilderWords.monthLeaders.contains(s.w(i - 1))
    }

    private func nextDay(_ y: Int, _ m: Int, _ d: Int) -> String {
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if d < days[m - 1] { return DateWords.iso(y, m, d + 1) }
        return DateWords.nextMonth(y, m)
    }

    /// Adds a date range, or its open side when a comparator precedes ("after 2020" → ≥ 2021-01-01).
    private mutating func addDateFilter(_ col: ColumnProfile, start: String, end: String, label: String, cmp: Comparator?, at: Int) {
        let expr = PlanExpr.column(col.name)
        guard let cmp else {
            s.addFilter(PlanFilter(expr, .range, [.date(start), .date(end)], phrase: "in \(label)"), at: at)
            return
        }
        switch cmp.op {
        case .greater: s.addFilter(PlanFilter(expr, .greaterOrEqual, [.date(end)], phrase: "after \(label)"), at: at)
        case .greaterOrEqual: s.addFilter(PlanFilter(expr, .greaterOrEqual, [.date(start)], phrase: "from \(label) on"), at: at)
        case .less: s.addFilter(PlanFilter(expr, .less, [.date(start)], phrase: "before \(label)"), at: at)
        case .lessOrEqual: s.addFilter(PlanFilter(expr, .less, [.date(end)], phrase: "up to \(label)"), at: at)
        default: s.addFilter(PlanFilter(expr, .range, [.date(start), .date(end)], phrase: "in \(label)"), at: at)
        }
    }

    /// "amount at least 1000", "attendance over 2000": a quantity column named right before a comparison (not a
    /// time word such as "after") owns the number, however much it looks like a year.
    func quantityNamedBefore(_ i: Int) -> Bool {
        guard !s.tokens[i].isDecade, let cmp = comparator(before: i),
            !cmp.range.contains(where: { BuilderWords.timeComparisonWords.contains(s.w($0)) }),
            let m = s.q.columnMention(at: cmp.range.lowerBound - 1)
        else { return false }
        let c = s.column(m)
        return c.role.isNumeric && c.role != .year && !looksLikeYears(c) && !isIdentifierLike(c)
    }
}
