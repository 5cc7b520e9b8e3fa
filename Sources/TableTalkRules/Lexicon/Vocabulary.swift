import TableTalkCore

/// Closed word classes the parser looks for: function words, question words, aggregate and ranking words.
enum Vocabulary {
    /// Words that carry no schema meaning on their own.
    static let stopwords: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "is", "are", "was",
        "were", "be", "been", "being", "do", "does", "did", "done", "have", "has", "had", "what", "which", "who",
        "whom", "whose", "where", "when", "how", "that", "this", "these", "those", "there", "their", "they", "them",
        "it", "its", "he", "she", "his", "her", "him", "me", "my", "i", "we", "our", "us", "you", "your", "as",
        "than", "then", "also", "but", "however", "any", "all", "some", "each", "every", "per", "show", "list", "give", "tell", "find",
        "get", "display", "please", "can", "could", "would", "will", "shall", "should", "may", "might", "must",
        "much", "many", "so", "such", "into", "onto", "out", "up", "down", "over", "under", "about",
        "value", "values", "number", "numbers", "total", "amount", "listed", "list", "table", "data",
        "record", "recorded", "row", "rows", "entry", "entries", "one", "ones", "just", "only", "both", "either",
        "get", "got", "make", "made", "during", "within", "between", "among", "across", "same", "other", "another",
        "whole", "entire", "overall", "compared", "versus", "vs", "give", "me", "know", "want", "need", "see", "s",
        "like", "if", "whether", "yet", "still", "already", "ever", "again", "here", "kind", "type", "sort",
        "count", "counts", "times", "many", "very", "really", "most", "more", "less", "least", "fewer",
        "fewest", "than", "not", "no", "without", "after", "before", "since", "until", "till", "while", "whats",
        "happen", "happened", "take", "took", "taken", "place", "come", "came", "go", "went", "being",
    ]

    /// Question words that name the kind of answer wanted.
    static let questionWords: Set<String> = ["what", "which", "who", "whom", "whose", "where", "when", "how"]

    /// Words asking for a count ("how many", "number of", "count").
    static let countWords: Set<String> = ["count", "number", "howmany", "tally"]

    /// Aggregate keywords and the aggregate they ask for.
    static let aggregates: [String: AggregateCue] = [
        "average": .avg, "avg": .avg, "mean": .avg, "averag": .avg,
        "total": .sum, "sum": .sum, "combined": .sum, "combin": .sum, "altogether": .sum, "cumulative": .sum,
        "median": .median, "typical": .median,
        "maximum": .max, "max": .max, "minimum": .min, "min": .min,
    ]

    /// Superlative words without a concept of their own.
    static let superlatives: [String: Direction] = [
        "most": .up, "highest": .up, "largest": .up, "biggest": .up, "greatest": .up, "maximum": .up, "max": .up,
        "top": .up, "best": .up, "peak": .up, "longest": .up, "tallest": .up, "heaviest": .up, "oldest": .up,
        "least": .down, "fewest": .down, "lowest": .down, "smallest": .down, "minimum": .down, "min": .down,
        "bottom": .down, "worst": .down, "shortest": .down, "youngest": .down, "lightest": .down,
    ]

    /// Comparative words ("more", "higher") used in "who had more votes, A or B".
    static let comparatives: [String: Direction] = [
        "more": .up, "higher": .up, "larger": .up, "bigger": .up, "greater": .up, "better": .up, "longer": .up,
        "taller": .up, "heavier": .up, "older": .up, "faster": .up, "earlier": .down, "later": .up,
        "less": .down, "fewer": .down, "lower": .down, "smaller": .down, "worse": .down, "shorter": .down,
        "younger": .down, "lighter": .down, "slower": .down, "cheaper": .down, "warmer": .up, "colder": .down,
        "hotter": .up, "richer": .up, "poorer": .down, "wider": .up, "deeper": .up,
    ]

    /// Words that ask to change or delete data, which TableTalk never does.
    static let writeVerbs: Set<String> = [
        "delete", "drop", "remove", "truncate", "update", "insert", "alter", "erase", "wipe", "modify", "overwrite",
        "purge", "rename", "create", "replace", "destroy", "clear", "set",
    ]

    /// Objects that make a write verb a request to change data ("delete all rows", "drop the table").
    static let writeObjects: Set<String> = [
        "row", "rows", "table", "tables", "record", "records", "data", "database", "column", "columns", "entries",
        "entry", "everything", "all", "values", "value", "cell", "cells", "file", "files", "schema",
    ]
}

/// An aggregate asked for by a keyword.
enum AggregateCue: Sendable, Hashable {
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
