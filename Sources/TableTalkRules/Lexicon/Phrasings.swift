/// Words that signal the question shapes added in translator v2: spreads (max − min), comparisons of two
/// values, group conditions, per-group rankings. Kept apart from the parser so they can move to resources.
enum Phrasings {
    /// "difference", "gap", "minus", "spread": the distance between two figures.
    static let spreadWords: Set<String> = ["difference", "gap", "minus", "spread", "range", "vary", "varies", "varied", "variation", "span"]
    /// Words that set two values of one column against each other ("A vs B", "compare A and B").
    static let versusWords: Set<String> = ["vs", "versus", "v", "compare", "compared", "comparing", "comparison", "against"]
    /// Auxiliary verbs that open a yes/no question ("are ideal cuts more expensive than …").
    static let yesNoOpeners: Set<String> = ["is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "will"]
    /// "in each", "for each", "per", "within each": a ranking inside every group.
    static let eachWords: Set<String> = ["each", "every"]
    /// Words that join the ends of a date range ("1980 through 1983", "april 29 to may 3").
    static let rangeJoiners: Set<String> = ["to", "through", "thru", "until", "till", "-"]
    /// Words that say a figure is a group total ("more than 100,000 in total").
    static let totalWords: Set<String> = ["total", "overall", "altogether", "combined", "cumulative"]
    /// Nouns that always name a table's rows.
    static let rowWords: Set<String> = ["row", "rows", "record", "records", "entry", "entries", "item", "items", "observation", "observations", "case", "cases", "line", "lines"]
}
