import TableTalkCore

/// Units written after numbers ("70 feet", "4 minutes", "1.80 m"), reduced to one spelling so a number can find
/// the column whose header carries the same unit ("Height (ft)"). Spellings in units.json.
enum Units {
    static let table: [String: String] = {
        var t: [String: String] = [:]
        for g in Lexicon.shared.units.groups { for w in g { t[w] = g[0] } }
        return t
    }()

    /// The unit a word spells, if any.
    static func unit(_ word: String) -> String? { table[word] }

    /// Units a column header carries ("Height (ft)" → ["ft"]).
    static func units(of column: ColumnProfile) -> Set<String> {
        Set(TextNormalizer.words(column.info.name.replacingUnderscores + " " + column.info.label).compactMap { unit($0) })
    }
}
