import TableTalkCore

/// A table as the linker sees it: column profiles, concept weights and the words of the table's name.
struct TableProfile: Sendable {
    let info: TableInfo
    let columns: [ColumnProfile]
    /// Concept key → weight (rarer across columns = heavier; units and one-letter words are light).
    let weights: [String: Double]
    /// Concept keys of the table name ("students" → "student").
    let nameConcepts: Set<String>
    /// The principal's own names for columns, read as the columns' names (see ``ColumnAliases``).
    let aliases: ColumnAliases

    var name: String { info.name }

    init(_ info: TableInfo) { self.init(info, aliases: [:]) }

    /// - Parameter aliases: column → the principal's other names for it.
    init(_ info: TableInfo, aliases: [String: [String]]) {
        self.info = info
        let cols = info.columns.enumerated().map { ColumnProfile(info: $0.element, index: $0.offset, rowCount: info.rowCount) }
        self.columns = cols
        self.aliases = ColumnAliases(aliases, columns: cols)
        var df: [String: Int] = [:]
        for c in cols { for k in c.concepts { df[k, default: 0] += 1 } }
        var w: [String: Double] = [:]
        for (k, n) in df {
            var weight = 1.0 / Double(n)
            if Vocabulary.stopwords.contains(k) || TableProfile.unitWords.contains(k) || k.count == 1 { weight *= 0.2 }
            if TableProfile.genericWords.contains(k) { weight *= 0.5 }
            w[k] = weight
        }
        self.weights = w
        self.nameConcepts = Set(TextNormalizer.words(info.name.replacingUnderscores).map { Synonyms.concept(ofStem: Stemmer.stem($0)) })
    }

    /// Total concept weight of a column.
    func totalWeight(_ column: ColumnProfile) -> Double {
        column.concepts.reduce(0) { $0 + (weights[$1] ?? 0) }
    }

    func column(named name: String) -> ColumnProfile? { columns.first { $0.name == name } }

    /// Unit words and symbols that often end a header ("temp_max_c", "wind_kph", "precip_mm").
    static let unitWords: Set<String> = Concept.keys(Array(LinkerWords.headerUnitWords))

    /// Header words too common to identify a column alone.
    static let genericWords: Set<String> = Concept.keys(Array(LinkerWords.genericHeaderWords))
}
