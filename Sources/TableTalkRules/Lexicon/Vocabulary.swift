import TableTalkCore

/// Closed word classes the parser looks for: function words, question words, aggregate and ranking words.
/// The words are in Resources/lexicon (function-words, aggregates, superlatives, comparatives, write-requests).
enum Vocabulary {
    /// Words that carry no schema meaning on their own.
    static let stopwords = Set(Lexicon.shared.functionWords.stopwords)

    /// Question words that name the kind of answer wanted.
    static let questionWords = Set(Lexicon.shared.functionWords.questionWords)

    /// Words asking for a count ("how many", "number of", "count").
    static let countWords = Set(Lexicon.shared.functionWords.countWords)

    /// Aggregate keywords and the aggregate they ask for.
    static let aggregates: [String: AggregateCue] = Lexicon.shared.aggregates.cues.byWord

    /// Superlative words without a concept of their own.
    static let superlatives: [String: Direction] = Lexicon.shared.superlatives.directions.byWord

    /// Comparative words ("more", "higher") used in "who had more votes, A or B".
    static let comparatives: [String: Direction] = Lexicon.shared.comparatives.directions.byWord

    /// Words that ask to change or delete data, which TableTalk never does.
    static let writeVerbs = Set(Lexicon.shared.writeRequests.verbs)

    /// Objects that make a write verb a request to change data ("delete all rows", "drop the table").
    static let writeObjects = Set(Lexicon.shared.writeRequests.objects)
}

/// An aggregate asked for by a keyword (named by its case in aggregates.json).
enum AggregateCue: String, Sendable, Hashable, CaseIterable, LexiconClass {
    case avg, sum, median, max, min, count

    var aggregate: Measure.Aggregate {
        switch self {
        case .avg: return .avg
        case .sum: return .sum
        case .median: return .median
        case .max: return .max
        case .min: return .min
        case .count: return .count
        }
    }
}
