import Foundation

/// The parser's English word lists, read once from the JSON files in `Resources/lexicon` (one file per concern;
/// each file's "description" says what its words mean to the parser).
///
/// ``shared`` stops the process, naming the file and the reason, when a file is missing or malformed: a broken
/// word list is a build error, and ``LexiconResourceTests`` reports it before anything runs.
struct Lexicon: Sendable {
    var functionWords: FunctionWordsFile
    var writeRequests: WriteRequestsFile
    var aggregates: CuesFile
    var superlatives: DirectionsFile
    var comparatives: DirectionsFile
    var fillers: WordListFile
    var contextVerbs: WordListFile
    var synonyms: SynonymsFile
    var units: UnitsFile
    var adjectives: AdjectivesFile
    var valueSynonyms: ValueSynonymsFile
    var dates: DatesFile
    var numbers: NumbersFile
    var stemmer: StemmerFile
    var phrasings: PhrasingsFile
    var builderWords: BuilderWordsFile
    var comparisonPhrases: ComparisonPhrasesFile
    var grammarWords: GrammarWordsFile
    var linkerWords: BuilderWordsFile

    /// The lexicon shipped with the module, loaded on first use.
    static let shared: Lexicon = {
        do { return try Lexicon(directory: resourceDirectory) } catch { fatalError("\(error)") }
    }()

    /// Where the shipped files are.
    static var resourceDirectory: URL {
        guard let base = Bundle.module.resourceURL else { fatalError("lexicon: TableTalkRules resource bundle not found") }
        return base.appendingPathComponent("lexicon", isDirectory: true)
    }

    /// Every JSON file the lexicon reads.
    static let fileNames = [
        "function-words", "write-requests", "aggregates", "superlatives", "comparatives", "fillers", "context-verbs",
        "synonyms", "units", "adjectives", "value-synonyms", "dates", "numbers", "stemmer", "phrasings", "builder-words",
        "comparison-phrases", "grammar-words", "linker-words",
    ]

    /// Reads and checks every file in `directory`. It must not use ``Stemmer`` or ``Synonyms``: they read
    /// ``shared``, which is being made.
    init(directory: URL) throws(LexiconError) {
        func load<File: LexiconFile>(_ name: String) throws(LexiconError) -> File {
            let file = name + ".json"
            let data: Data
            do { data = try Data(contentsOf: directory.appendingPathComponent(file)) } catch {
                throw LexiconError(file: file, reason: "unreadable at \(directory.path): \(error.localizedDescription)")
            }
            let decoded: File
            do { decoded = try JSONDecoder().decode(File.self, from: data) } catch {
                throw LexiconError(file: file, reason: LexiconError.describe(error))
            }
            let problems = (decoded.description.isEmpty ? ["empty description"] : []) + decoded.problems
            if !problems.isEmpty { throw LexiconError(file: file, reason: problems.joined(separator: "; ")) }
            return decoded
        }
        functionWords = try load("function-words")
        writeRequests = try load("write-requests")
        aggregates = try load("aggregates")
        superlatives = try load("superlatives")
        comparatives = try load("comparatives")
        fillers = try load("fillers")
        contextVerbs = try load("context-verbs")
        synonyms = try load("synonyms")
        units = try load("units")
        adjectives = try load("adjectives")
        valueSynonyms = try load("value-synonyms")
        dates = try load("dates")
        numbers = try load("numbers")
        stemmer = try load("stemmer")
        phrasings = try load("phrasings")
        builderWords = try load("builder-words")
        comparisonPhrases = try load("comparison-phrases")
        grammarWords = try load("grammar-words")
        linkerWords = try load("linker-words")
    }
}

/// A lexicon file that could not be read, and why.
struct LexiconError: Error, CustomStringConvertible {
    var file: String
    var reason: String
    var description: String { "lexicon file \(file): \(reason)" }

    /// A decoding error in words: what was wrong, and at which key path.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.reduce("") { path, key in
                key.intValue.map { path + "[\($0)]" } ?? (path.isEmpty ? key.stringValue : path + "." + key.stringValue)
            }
        }
        switch error {
        case .dataCorrupted(let c): return "\(c.debugDescription) at \(path(c.codingPath))"
        case .keyNotFound(let key, let c): return "missing key \"\(key.stringValue)\" at \(path(c.codingPath))"
        case .typeMismatch(let type, let c): return "expected \(type) at \(path(c.codingPath))"
        case .valueNotFound(let type, let c): return "missing \(type) at \(path(c.codingPath))"
        @unknown default: return "\(error)"
        }
    }
}
