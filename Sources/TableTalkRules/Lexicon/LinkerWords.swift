/// Word classes of the schema linker (which words may name a column or a value, and which may not), read from
/// `linker-words.json` (each list's description says what its words mean to the linker).
enum LinkerWords {
    private static func words(_ name: String) -> Set<String> {
        guard let list = Lexicon.shared.linkerWords.lists[name] else { fatalError("lexicon file linker-words.json: no list \"\(name)\"") }
        return Set(list.words)
    }
    /// Endings after which a word may have lost an 'e' ('rating' → 'rate'), longest first.
    static let suffixesDroppingE = words("suffixesDroppingE")
    /// Words in a numeric column's name that make whole numbers between 1800 and 2100 years ('Year', 'Season').
    static let yearColumnWords = words("yearColumnWords")
    /// Cell spellings of yes.
    static let yesCells = words("yesCells")
    /// Cell spellings of no.
    static let noCells = words("noCells")
    /// Words in a column's name that make it a measure averaged rather than summed when grouped (rates, scores, prices, ages, temperatures).
    static let intensiveMeasureWords = words("intensiveMeasureWords")
    /// Words in a column's name that make larger values worse ('Rank', 'Peak', 'Seed': 1st is best).
    static let lowerIsBetterWords = words("lowerIsBetterWords")
    /// Nouns that count what follows 'of' ('number of teams'), so they neither name a 'Number' column nor start a value.
    static let countNouns = words("countNouns")
    /// Words in a column's name that keep it from being the table's one measure (identifiers, running numbers, years).
    static let notMeasureColumnWords = words("notMeasureColumnWords")
    /// Nouns before a year that belong to its comparison ('after the year 2000', 'since season 2005').
    static let yearUnitNouns = words("yearUnitNouns")
    /// Words right before a number (after year nouns) that make it the far side of a comparison, not a value ('after 2007', 'at least 5').
    static let comparisonEnds = words("comparisonEnds")
    /// Country abbreviations linked to their full names ('the US', 'UK').
    static let countryAbbreviations = words("countryAbbreviations")
    /// Abbreviations that are also pronouns: a country only after 'the' ('the US', not 'tell us').
    static let pronounAbbreviations = words("pronounAbbreviations")
    /// Small words inside names that do not end an unquoted value ('Bank of America', 'Leonardo da Vinci').
    static let nameParticles = words("nameParticles")
    /// Cell values that mark a table's summary rows ('Total', 'Totals').
    static let totalRowWords = words("totalRowWords")
    /// Cell values and value beginnings that mark summary rows ('Grand total').
    static let totalRowPhrases = words("totalRowPhrases")
    /// First words of a short cell value that make it a summary row ('Total votes').
    static let totalRowLeaders = words("totalRowLeaders")
    /// One-word column names that are function words yet name the column on their own ('Number', 'Total', 'No').
    static let headerCountWords = words("headerCountWords")
    /// Words spelling repair always knows, whatever the table ('dataset', 'percentage', 'difference').
    static let alwaysKnownWords = words("alwaysKnownWords")
    /// Unit words and symbols that often end a header ('temp_max_c', 'wind_kph', 'precip_mm').
    static let headerUnitWords = words("headerUnitWords")
    /// Header words too common to identify a column alone.
    static let genericHeaderWords = words("genericHeaderWords")
}
