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
    /// Words between 'not' and a comparison that it turns around ('did not have a time below 24').
    static let negatedComparisonFillers = words("negatedComparisonFillers")
    /// Words that may follow a unit word in a comparison ('90 points or more', '5 km and above').
    static let unitFollowers = words("unitFollowers")
    /// Verbs that ask for a prefix or suffix with 'with' ('titles starting with Love', 'names ending with son').
    static let affixVerbs = words("affixVerbs")
    /// Words after the counted noun that make 'how many medals did Japan win' a total of a Total column.
    static let totalQuantityVerbs = words("totalQuantityVerbs")
    /// Words after 'how' that ask for an amount ('how many', 'how long', 'how old').
    static let howQuantifiers = words("howQuantifiers")
    /// Words before a number that make a top-N or bottom-N ('top 10', 'worst 3', 'first 5').
    static let limitWords = words("limitWords")
    /// Words after 'most'/'least' that rank values by how often they occur ('most common', 'least frequent').
    static let frequencyWords = words("frequencyWords")
    /// Words before an ambiguous month word that make it a month ('in may', 'since march').
    static let monthLeaders = words("monthLeaders")
    /// Comparatives that make 'how many … than' a difference the other way round ('how many fewer …').
    static let fewerWords = words("fewerWords")
    /// Words that join the two sides of a difference ('than', 'and', 'compared to', 'versus').
    static let differenceJoiners = words("differenceJoiners")
    /// Words between a value and 'before'/'after' ('X came immediately before what …').
    static let neighbourVerbs = words("neighbourVerbs")
    /// Words before 'after'/'before X' that belong to the same phrase ('right after', 'next after', 'finished just before').
    static let neighbourLeaders = words("neighbourLeaders")
    /// Words between 'first'/'last' and the column it ranks ('last in terms of population').
    static let positionColumnJoiners = words("positionColumnJoiners")
    /// Words after 'which'/'what' that are not the entity asked for (auxiliaries, articles, time words).
    static let notEntityNouns = words("notEntityNouns")
    /// Words after an imperative before what is asked for ('list all …', 'give me the …', 'name one of …').
    static let imperativeObjects = words("imperativeObjects")
    /// Words of a missing-value phrase that are explained with it ('is missing', 'unknown').
    static let missingPhraseWords = words("missingPhraseWords")
    /// Words between 'no'/'not' and the column they negate ('did not have an English air date', 'no TV coverage').
    static let negatedHaveWords = words("negatedHaveWords")
    /// Negations that must negate something in the plan, or the answer asks what they exclude.
    static let negationWords = words("negationWords")
    /// Nouns after 'in'/'from'/'at' that set the scene rather than name a condition ('in the season', 'in the league').
    static let contextNounsAfterPreposition = words("contextNounsAfterPreposition")
    /// Prepositions before an unknown word that make it probably a condition ('in Tokyo', 'against Spain').
    static let conditionPrepositions = words("conditionPrepositions")
    /// Words between a count, question word or superlative and the noun that names what is counted.
    static let subjectNounLeaders = words("subjectNounLeaders")
}
