import TableTalkCore

/// Month names, calendar units and relative-period words ("last quarter", "past 3 months").
enum DateWords {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Calendar unit words (singular and plural) and adverbs ("monthly").
    static let units: [String: TimeBucket] = [
        "day": .day, "days": .day, "daily": .day, "date": .day, "week": .week, "weeks": .week, "weekly": .week,
        "month": .month, "months": .month, "monthly": .month, "quarter": .quarter, "quarters": .quarter,
        "quarterly": .quarter, "year": .year, "years": .year, "yearly": .year, "annual": .year, "annually": .year,
    ]

    /// Adverbs that ask for a time series on their own ("monthly sales").
    static let bucketAdverbs: [String: TimeBucket] = [
        "daily": .day, "weekly": .week, "monthly": .month, "quarterly": .quarter, "yearly": .year, "annual": .year,
        "annually": .year,
    ]

    /// Words that open a relative period ("last quarter", "past 3 months", "this year").
    static let relative: Set<String> = ["last", "past", "previous", "latest", "recent", "this", "current", "trailing"]

    static func isDateWord(_ w: String) -> Bool {
        months[w] != nil && w != "may" && w != "mar" || units[w] != nil || relative.contains(w)
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
