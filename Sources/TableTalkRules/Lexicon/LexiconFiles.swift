import TableTalkCore

// The shape of each file in Resources/lexicon; each file's "description" says what its words mean.

/// function-words.json: closed word classes (see ``Vocabulary``).
struct FunctionWordsFile: LexiconFile {
    var description: String
    var stopwords: [String]
    var questionWords: [String]
    var countWords: [String]
}

/// write-requests.json: words that ask to change data (see ``InputGuard``).
struct WriteRequestsFile: LexiconFile {
    var description: String
    var verbs: [String]
    var objects: [String]
}

/// fillers.json, context-verbs.json: one class of words.
struct WordListFile: LexiconFile {
    var description: String
    var words: [String]
}

/// aggregates.json: keywords filed under the aggregate they ask for.
struct CuesFile: LexiconFile {
    var description: String
    var cues: WordClasses<AggregateCue>
}

/// superlatives.json, comparatives.json: words filed under their direction.
struct DirectionsFile: LexiconFile {
    var description: String
    var directions: WordClasses<Direction>
}

/// synonyms.json: groups of interchangeable words and header-only abbreviations (see ``Synonyms``).
struct SynonymsFile: LexiconFile {
    var description: String
    var groups: [[String]]
    var schemaOnly: WordClasses<String>
    var problems: [String] { emptyGroups(groups, "groups") }
}

/// units.json: spellings of one unit per group, the first being the one kept (see ``Units``).
struct UnitsFile: LexiconFile {
    var description: String
    var groups: [[String]]
    var problems: [String] { emptyGroups(groups, "groups") }
}

/// adjectives.json: adjectives and the columns and directions they point at (see ``Adjectives``).
struct AdjectivesFile: LexiconFile {
    struct Entry: Decodable, Sendable {
        var words: [String]
        var readings: [Reading]
    }
    struct Reading: Decodable, Sendable {
        var concept: String
        var direction: Direction
    }
    var description: String
    var entries: [Entry]
    var problems: [String] {
        entries.indices.filter { entries[$0].words.isEmpty || entries[$0].readings.isEmpty }
            .map { "entries[\($0)] needs words and readings" }
    }
}

/// value-synonyms.json: words for coded values and demonyms (see ``ValueSynonyms``).
struct ValueSynonymsFile: LexiconFile {
    struct Code: Decodable, Sendable {
        var words: [String]
        var values: [String]
    }
    struct Demonym: Decodable, Sendable {
        var country: String
        var words: [String]
    }
    var description: String
    var codes: [Code]
    var demonyms: [Demonym]
}

/// dates.json: months, calendar units and relative-period words (see ``DateWords``).
struct DatesFile: LexiconFile {
    var description: String
    var months: [[String]]
    var ambiguousMonths: [String]
    var units: WordClasses<TimeBucket>
    var bucketAdverbs: WordClasses<TimeBucket>
    var relative: [String]
    var problems: [String] {
        (months.count == 12 ? [] : ["months has \(months.count) entries, not 12"]) + emptyGroups(months, "months")
    }
}

/// numbers.json: cardinal and ordinal words (see ``NumberWords``).
struct NumbersFile: LexiconFile {
    var description: String
    var cardinals: [String: Double]
    var ordinals: [String: Int]
    var scales: [String]
    var standalone: [String]
    var closing: [String]
    var problems: [String] {
        (scales + closing).filter { cardinals[$0] == nil }.map { "\"\($0)\" is not a cardinal" }
    }
}

/// stemmer.json: forms the stemmer's rules get wrong (see ``Stemmer``).
struct StemmerFile: LexiconFile {
    var description: String
    var irregular: [String: String]
}

extension TimeBucket: LexiconClass {}

/// phrasings.json: words that signal question shapes (spreads, versus, group conditions, per-group rankings) and
/// role words that stand for a kind of column (see ``Phrasings``).
struct PhrasingsFile: LexiconFile {
    var description: String
    var spread: [String]
    var versus: [String]
    var yesNoOpeners: [String]
    var each: [String]
    var rangeJoiners: [String]
    var totals: [String]
    var rowWords: [String]
    var kindNouns: [String]
    var noneValues: [String]
    var positionWords: [String]
    var orderVerbs: [String]
    var rowNounLeaders: [String]
    var determiners: [String]
    var roles: [String: [String]]
}

/// builder-words.json: named word lists the plan builder's passes look for (see ``BuilderWords``).
struct BuilderWordsFile: LexiconFile {
    /// One list: what its words mean to the parser, and the words.
    struct DescribedWords: Decodable, Sendable {
        var description: String
        var words: [String]
    }

    var description: String
    var lists: [String: DescribedWords]

    var problems: [String] {
        lists.sorted { $0.key < $1.key }.flatMap { name, list in
            (list.words.isEmpty ? ["\(name) has no words"] : []) + (list.description.isEmpty ? ["\(name) has no description"] : [])
        }
    }
}

/// comparison-phrases.json: phrases that compare a column with a number, before or after it, and their operators.
struct ComparisonPhrasesFile: LexiconFile {
    /// One phrase and the comparison it stands for.
    struct Phrase: Decodable, Sendable {
        var phrase: String
        var `operator`: PlanFilter.Operator
    }

    var description: String
    var before: [Phrase]
    var after: [Phrase]

    var problems: [String] {
        let comparisons: Set<PlanFilter.Operator> = [.greater, .greaterOrEqual, .less, .lessOrEqual, .equals, .notEquals]
        return (before + after).filter { !comparisons.contains($0.operator) }.map { "\"\($0.phrase)\" is not a comparison (\($0.operator.rawValue))" }
            + (before.isEmpty || after.isEmpty ? ["before and after both need phrases"] : [])
    }
}

/// grammar-words.json: the closed class of English grammar words, the only words the builder's code may name
/// (checked by a test against the builder's source).
struct GrammarWordsFile: LexiconFile {
    var description: String
    var classes: [String: BuilderWordsFile.DescribedWords]

    /// Every grammar word.
    var words: Set<String> { Set(classes.values.flatMap(\.words)) }

    var problems: [String] {
        classes.sorted { $0.key < $1.key }.flatMap { name, list in
            (list.words.isEmpty ? ["\(name) has no words"] : []) + (list.description.isEmpty ? ["\(name) has no description"] : [])
        }
    }
}
