import TableTalkCore

/// Month names, calendar units and relative-period words ("last quarter", "past 3 months"). Words in dates.json.
enum DateWords {
    /// Month names and abbreviations and their numbers (January is 1).
    static let months: [String: Int] = {
        var t: [String: Int] = [:]
        for (i, words) in Lexicon.shared.dates.months.enumerated() { for w in words { t[w] = i + 1 } }
        return t
    }()

    /// Month names as written in answers ("January"), January first.
    static let monthNames = Lexicon.shared.dates.months.map { $0[0].prefix(1).uppercased() + $0[0].dropFirst() }

    /// Month words that are everyday words too ("may", "mar"): on their own they are not date words.
    static let ambiguousMonths = Set(Lexicon.shared.dates.ambiguousMonths)

    /// Calendar unit words (singular and plural) and adverbs ("monthly").
    static let units: [String: TimeBucket] = Lexicon.shared.dates.units.byWord

    /// Adverbs that ask for a time series on their own ("monthly sales").
    static let bucketAdverbs: [String: TimeBucket] = Lexicon.shared.dates.bucketAdverbs.byWord

    /// Words that open a relative period ("last quarter", "past 3 months", "this year").
    static let relative = Set(Lexicon.shared.dates.relative)

    static func isDateWord(_ w: String) -> Bool {
        months[w] != nil && !ambiguousMonths.contains(w) || units[w] != nil || relative.contains(w)
    }

    /// `YYYY-MM-DD` for a year, month and day.
    static func iso(_ year: Int, _ month: Int = 1, _ day: Int = 1) -> String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The first day after a month.
    static func nextMonth(_ year: Int, _ month: Int) -> String {
        month == 12 ? iso(year + 1, 1) : iso(year, month + 1)
    }
}
