/// Words that signal the question shapes of translator v2 (spreads, comparisons of two sides, group conditions,
/// per-group rankings) and role words, read from `phrasings.json`.
enum Phrasings {
    private static var file: PhrasingsFile { Lexicon.shared.phrasings }
    /// "difference", "gap", "minus", "spread": the distance between two figures.
    static let spreadWords = Set(file.spread)
    /// Words that set two values of one column against each other ("A vs B", "compare A and B").
    static let versusWords = Set(file.versus)
    /// Auxiliary verbs that open a yes/no question ("are ideal cuts more expensive than …").
    static let yesNoOpeners = Set(file.yesNoOpeners)
    /// "in each", "for every": a ranking inside every group.
    static let eachWords = Set(file.each)
    /// Words that join the ends of a date range ("1980 through 1983", "april 29 to may 3").
    static let rangeJoiners = Set(file.rangeJoiners)
    /// Words that say a figure is a group total ("more than 100,000 in total").
    static let totalWords = Set(file.totals)
    /// Nouns that always name a table's rows.
    static let rowWords = Set(file.rowWords)
    /// Nouns that only repeat the column before them ("the clarity grade").
    static let kindNouns = Set(file.kindNouns)
    /// Words after which a noun names things counted or ranked ("the animals", "all cars", "more than 5 orders").
    static let rowNounLeaders = Set(file.rowNounLeaders)
    /// Determiners: after one, an -ing word is a noun ("the meaning").
    static let determiners = Set(file.determiners)
    /// Verbs that place a row in the table's order ("comes after 2007" is the next row, not every later year).
    static let orderVerbs = Set(file.orderVerbs)
    /// Words for a place in an order ("last", "next"), explained by a plan that ranks or steps through rows.
    static let positionWords = Set(file.positionWords)
    /// Cell spellings that mean "none" ("no airbags" is `AirBags = 'None'` where the column says so).
    static let noneValues = Set(file.noneValues)
    /// Role → question words that stand for a column of that role.
    static let roles: [String: Set<String>] = file.roles.mapValues { Set($0) }
}
