/// Word classes of the plan builder's passes, read from `builder-words.json` (each list's description says
/// what its words mean to the parser).
enum BuilderWords {
    private static func words(_ name: String) -> Set<String> {
        guard let list = Lexicon.shared.builderWords.lists[name] else { fatalError("lexicon file builder-words.json: no list \"\(name)\"") }
        return Set(list.words)
    }

    /// A list whose order matters (most specific first).
    private static func orderedWords(_ name: String) -> [String] {
        guard let list = Lexicon.shared.builderWords.lists[name] else { fatalError("lexicon file builder-words.json: no list \"\(name)\"") }
        return list.words
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
    /// Words in a column's name that make it the maximum of a pair ('temp_max' for 'hottest temperature').
    static let maximumNameWords = words("maximumNameWords")
    /// Words in a column's name that make it the minimum of a pair ('temp_min' for 'coldest temperature').
    static let minimumNameWords = words("minimumNameWords")
    /// Words between 'by'/'per'/'each' and the key column that belong to the grouping phrase ('by the month of', 'each year').
    static let groupKeyLeaders = words("groupKeyLeaders")
    /// Words that ask for a total, and that mark a column holding totals ('total medals', a `Total` column).
    static let totalWords = words("totalWords")
    /// Nouns after 'which'/'what' that ask for the year of a date column ('what year …').
    static let yearNouns = words("yearNouns")
    /// Nouns after 'which'/'what' that ask for a time column when none is named ('what year', 'which season', 'what date').
    static let answerTimeNouns = words("answerTimeNouns")
    /// Nouns after 'which'/'what' that ask for the whole date, not its year ('what date', 'which day').
    static let answerDayNouns = words("answerDayNouns")
    /// Nouns that ask for a time of day ('what time …', 'which hour …').
    static let timeOfDayNouns = words("timeOfDayNouns")
    /// Nouns that make a column hold people ('driver', 'winner', 'author'): 'who' asks for such a column.
    static let personNouns = words("personNouns")
    /// Nouns that make a column hold places, most specific first: 'where' prefers a Location or Venue column over a Country column.
    static let placeNounsMostSpecificFirst = orderedWords("placeNounsMostSpecificFirst")
    /// Words in a column's name that make it a time, not a person ('Winner date').
    static let notPersonColumnWords = words("notPersonColumnWords")
    /// Words in a column's name that make it hold names ('Name', 'Player name').
    static let nameNouns = words("nameNouns")
    /// Words in a column's name that make it the time of a row when no column is typed as a date ('Year', 'Season').
    static let timeColumnWords = words("timeColumnWords")
    /// Words in a column's name that keep it from labelling a row (times and notes).
    static let notLabelColumnWords = words("notLabelColumnWords")
    /// Words in a column's name that make it name what a row is about ('Title', 'Team', 'Species').
    static let labelNouns = words("labelNouns")
    /// Nouns that may ask for a count ('number of', 'count of', 'the tally', 'amount of times').
    static let countNouns = words("countNouns")
    /// Superlatives before a count noun that rank rather than count ('the highest number of goals').
    static let rankingAdjectives = words("rankingAdjectives")
    /// Count nouns that count only before 'of times' ('the amount of times').
    static let countNounsOfTimes = words("countNounsOfTimes")
    /// Nouns after 'amount of' that make it a count ('amount of times').
    static let timesNouns = words("timesNouns")
    /// Count nouns that count on their own ('count the rows', 'the count').
    static let bareCountNouns = words("bareCountNouns")
    /// Nouns before a bare count noun that name the rows ('row count').
    static let countedRowNouns = words("countedRowNouns")
    /// Count nouns that count per group before 'per'/'by' ('number per region').
    static let countPerNouns = words("countPerNouns")
    /// Words after a count that count distinct values ('how many different teams').
    static let distinctWords = words("distinctWords")
    /// Nouns that ask for a share of a whole ('percentage of', 'what share', 'as a fraction').
    static let shareNouns = words("shareNouns")
    /// Words that negate the condition after them ('not', 'except', 'outside', 'non-').
    static let negationCues = words("negationCues")
    /// Imperatives that ask for any one row before 'a'/'one' ('name a country …').
    static let pickOneVerbs = words("pickOneVerbs")
    /// Words that ask for ascending order.
    static let ascendingWords = words("ascendingWords")
    /// Words that ask for descending order.
    static let descendingWords = words("descendingWords")
    /// Words that ask for an order by what follows ('sorted by', 'ranked by', 'according to').
    static let orderVerbs = words("orderVerbs")
    /// Words that ask for an order with 'to' when an order was asked for ('in order according to').
    static let accordingWords = words("accordingWords")
    /// Nouns that ask for an order ('in alphabetical order').
    static let orderNouns = words("orderNouns")
    /// Direction words right after an order verb ('sorted descending').
    static let directionsAfterOrderVerb = words("directionsAfterOrderVerb")
    /// Words that ask for the first rows ('first 5', 'largest first').
    static let firstWords = words("firstWords")
    /// Words that ask for the last rows ('last 3').
    static let lastWords = words("lastWords")
    /// Nouns that name a date, not a day bucket ('by date').
    static let dateNouns = words("dateNouns")
    /// Count nouns after 'total' that make it a count, not a sum ('total number of').
    static let countNounsAfterTotal = words("countNounsAfterTotal")
    /// Words that ask for the highest rows before a number ('top 10').
    static let topWords = words("topWords")
    /// Limit words that ask for the lowest rows ('bottom 3', 'worst 5').
    static let limitDownWords = words("limitDownWords")
    /// Verbs two words before 'most' that ask for the most frequent value ('appears the most').
    static let occurrenceVerbsBeforeThe = words("occurrenceVerbsBeforeThe")
    /// Words after 'most' that ask for the most frequent value unless a popularity column exists ('most popular').
    static let popularityWords = words("popularityWords")
    /// Aggregate words that are also superlatives ('max', 'minimum'): when read as an aggregate they do not rank.
    static let extremeAggregateWords = words("extremeAggregateWords")
    /// Superlatives of age and time that rank by a date or an age ('earliest', 'youngest').
    static let ageSuperlatives = words("ageSuperlatives")
    /// Words in a numeric column's name that measure popularity ('Attendance', 'Views'): 'most popular' ranks by it.
    static let popularityColumnWords = words("popularityColumnWords")
    /// Words after 'how' that ask for a count of occurrences ('how often').
    static let frequencyQuestionWords = words("frequencyQuestionWords")
    /// Nouns that make 'by the …' an idiom, not a grouping ('by the way').
    static let byTheIdiomNouns = words("byTheIdiomNouns")
    /// Nouns before a year that belong to its comparison or range ('before the year 2000', 'between the years 1990 and 1995').
    static let yearUnitNouns = words("yearUnitNouns")
    /// Adjectives that only say more or less and name no column by themselves ('higher than 5', 'low').
    static let plainHeightAdjectives = words("plainHeightAdjectives")
    /// Words in a column's name that make it hold percentages: a bare '40%' compares with it.
    static let percentColumnWords = words("percentColumnWords")
    /// Words in a column's name that make it an identifier or a running number, not a quantity.
    static let identifierColumnWords = words("identifierColumnWords")
    /// Units that belong to a number only right after it ('5 s', '3 days', '10 points'), not a few words on.
    static let unitsRightAfterNumber = words("unitsRightAfterNumber")
    /// Nouns of columns an ordinal can be a value of ('3rd round', 'the 2nd stage', 'week 5').
    static let ordinalNouns = words("ordinalNouns")
    /// Nouns after an ordinal that name a quarter of a year ('the third quarter of 2023').
    static let quarterNouns = words("quarterNouns")
    /// Letters that make a quarter with a digit 1–4 before a year ('q3 2022').
    static let quarterPrefixes = words("quarterPrefixes")
    /// Words in a text column's name that make it hold dates written out ('Date', 'Month'): a month is looked for by name.
    static let textDateColumnWords = words("textDateColumnWords")
    /// Month names and abbreviations that are also ordinary words ('may', 'march', 'dec'): read as a month only with a year, a day or a month leader near.
    static let ambiguousMonthWords = words("ambiguousMonthWords")
    /// Words between 'before'/'after' and the value it places ('right after the 2nd round', 'before playing at Leeds').
    static let neighbourValueLeaders = words("neighbourValueLeaders")
    /// Words that make 'over'/'under' a place in a list rather than a comparison ('placed over', 'finished under').
    static let placingWords = words("placingWords")
    /// Words that ask for the single next row after a value ('the next year after 2007').
    static let nextWords = words("nextWords")
    /// Words that ask for the first row in time when no superlative ranks ('the earliest').
    static let earliestWords = words("earliestWords")
    /// Words that ask for the last row ('last', 'final', 'latest').
    static let lastPositionWords = words("lastPositionWords")
    /// Words that ask for the row with the best rank when no column names the winner ('which rider won').
    static let winWords = words("winWords")
    /// Words in a column's name that make its dates a person's birth or death, not when a row happened.
    static let lifeEventColumnWords = words("lifeEventColumnWords")
    /// Superlatives that rank by a rank column when the table has one (1st is best): 'best', 'top'.
    static let rankColumnWords = words("rankColumnWords")
    /// Of those, the words that ask for the best rank (the lowest number).
    static let bestRankWords = words("bestRankWords")
    /// Words between a superlative and the noun it counts ('the most number of times').
    static let countPhraseWords = words("countPhraseWords")
    /// Superlatives that turn around on a column where lower is better ('best time', 'top rank').
    static let rankFlippingWords = words("rankFlippingWords")
    /// Words that ask for a share in percent ('as a percentage').
    static let percentWords = words("percentWords")
    /// Words and phrases that mark a question as an edit of the previous answer ('instead', 'what about', 'as a percentage', 'break it down').
    static let followUpMarkers = words("followUpMarkers")
    /// Words in a numeric column's name that make it a unit price (for price × quantity).
    static let priceColumnWords = words("priceColumnWords")
    /// Words in a numeric column's name that make it a quantity (for price × quantity).
    static let quantityColumnWords = words("quantityColumnWords")
    /// Words next to a derived-measure word that belong to it ('total inventory value', 'value of stock').
    static let derivedMeasurePhraseWords = words("derivedMeasurePhraseWords")
    /// Nouns that name a text field a substring is looked for in ('with gmbh in the name').
    static let nameFieldNouns = words("nameFieldNouns")
    /// Words in a column's name that make it an identifier ('ID', 'Student ID').
    static let identifierNouns = words("identifierNouns")
    /// Nouns that on their own name a running number column ('No.', '#', 'Number').
    static let numberNouns = words("numberNouns")
    /// Words in a column's name that make its numbers picks or draws, not quantities ('Pick').
    static let draftPickNouns = words("draftPickNouns")
    /// Words in a short column name that make its numbers years, not quantities ('Year', 'Season').
    static let yearColumnWords = words("yearColumnWords")
    /// Nouns that ask for a difference ('the difference between').
    static let differenceNouns = words("differenceNouns")
    /// Words that subtract ('A minus B').
    static let minusWords = words("minusWords")
    /// Comparatives and superlatives of quality that turn around where lower is better ('better time', 'worst rank').
    static let qualityWords = words("qualityWords")
    /// Comparatives of time ('later', 'earlier') that compare dates, not the measure named.
    static let timeComparatives = words("timeComparatives")
    /// Superlatives that only pick an end of an order ('top', 'bottom') and rank nothing on their own.
    static let limitEndWords = words("limitEndWords")
    /// Words after a column (or after 'is') that ask for empty cells ('price missing', 'rating is unknown').
    static let missingAfterWords = words("missingAfterWords")
    /// Parts of a column's name that make it a given name ('First name'): the family name column is shown beside it.
    static let givenNameWords = words("givenNameWords")
    /// Parts of a column's name that make it a family name ('Last name').
    static let familyNameWords = words("familyNameWords")
    /// Comparison words of time: with them a year-like number is a year ('after 2007', 'prior to 1990').
    static let timeComparisonWords = words("timeComparisonWords")
}
