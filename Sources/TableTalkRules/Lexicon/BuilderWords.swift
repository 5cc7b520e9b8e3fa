/// Word classes of the plan builder's passes, read from `builder-words.json` (each list's description says
/// what its words mean to the parser).
enum BuilderWords {
    private static func words(_ name: String) -> Set<String> {
        guard let list = Lexicon.shared.builderWords.lists[name] else { fatalError("lexicon file builder-words.json: no list \"\(name)\"") }
        return Set(list.words)
    }

    /// Words that may stand between a negation and what it governs ('not in the 1st position', 'without any free lunch').
    static let negationLeading = words("negationLeading")
    /// Prepositions and conjunctions that end a negation's scope once other words came ('not wins for Dan').
    static let negationScopeEnders = words("negationScopeEnders")
    /// Words that ask for price × quantity when no column carries them ('inventory value', 'stock value').
    static let derivedMeasureWords = words("derivedMeasureWords")
    /// Words before a quantity column that make it a condition ('still in stock', 'with goals', 'earned points').
    static let barePredicateLeaders = words("barePredicateLeaders")
    /// Verbs that ask for a substring ('name contains Pro', 'titles mentioning love').
    static let containsVerbs = words("containsVerbs")
    /// Nouns for the table itself ('listed in the table', 'on the chart', 'in the list'), not for a column.
    static let tableNouns = words("tableNouns")
    /// Verbs that split a share into the whole before them and the part after them ('what share of students get free lunch').
    static let shareVerbs = words("shareVerbs")
    /// Nouns of numbered sequences: a unique integer column named by one counts positions, not quantities ('game', 'episode', 'round').
    static let sequenceNouns = words("sequenceNouns")
    /// Verbs before 'most' that ask for the most frequent value ('which name appears most').
    static let occurrenceVerbs = words("occurrenceVerbs")
    /// Words that may join two values compared with each other ('A or B', 'A versus B', 'between A and B').
    static let pairConnectors = words("pairConnectors")
    /// Words that point at the rows after another row ('after X', 'following X').
    static let afterWords = words("afterWords")
    /// Words that point at the rows before another row ('before X', 'previous to X').
    static let beforeWords = words("beforeWords")
    /// Nouns after 'which'/'what' in a ranking that ask for a place column ('which city has the most …').
    static let rankingPlaceNouns = words("rankingPlaceNouns")
    /// Imperatives that open a request with no question word ('list products …', 'name a country …').
    static let imperativeVerbs = words("imperativeVerbs")
    /// Nouns after 'which'/'what' that ask for a place column when no column is named ('which place …', 'what venue …').
    static let answerPlaceNouns = words("answerPlaceNouns")
    /// Words before or after a column that ask for empty cells ('missing brain weight', 'precipitation is null').
    static let missingWords = words("missingWords")
}
