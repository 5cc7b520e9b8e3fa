import TableTalkCore

/// Units written after numbers ("70 feet", "4 minutes", "1.80 m"), reduced to one spelling so a number can find
/// the column whose header carries the same unit ("Height (ft)").
enum Units {
    static let table: [String: String] = {
        var t: [String: String] = [:]
        let groups: [[String]] = [
            ["ft", "feet", "foot"], ["m", "metre", "metres", "meter", "meters", "mts"], ["km", "kilometre", "kilometres", "kilometer", "kilometers"],
            ["mi", "mile", "miles"], ["cm", "centimetre", "centimetres", "centimeters"], ["mm", "millimetre", "millimetres"],
            ["kg", "kilogram", "kilograms", "kilo", "kilos"], ["lb", "lbs", "pound", "pounds"], ["min", "minute", "minutes", "mins"],
            ["sec", "second", "seconds", "secs", "s"], ["h", "hr", "hour", "hours", "hrs"], ["kph", "kmh"], ["mph"],
            ["percent", "pct", "%"], ["c", "celsius", "degrees"], ["kbit", "kbps"], ["ha", "hectare", "hectares"],
            ["sq", "square"], ["usd", "dollar", "dollars"], ["eur", "euro", "euros"], ["gbp", "pound sterling"],
            ["point", "points", "pts", "pt"], ["year", "years", "yr", "yrs"], ["day", "days"], ["week", "weeks"],
        ]
        for g in groups { for w in g { t[w] = g[0] } }
        return t
    }()

    /// The unit a word spells, if any.
    static func unit(_ word: String) -> String? { table[word] }

    /// Units a column header carries ("Height (ft)" → ["ft"]).
    static func units(of column: ColumnProfile) -> Set<String> {
        Set(TextNormalizer.words(column.info.name.replacingUnderscores + " " + column.info.label).compactMap { unit($0) })
    }
}
