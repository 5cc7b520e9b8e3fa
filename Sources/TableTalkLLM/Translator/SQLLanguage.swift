import Foundation

/// The SQL words the answer check reads, from `Resources/sql-words.json` (words are data): keywords, the words a
/// read may start with, write words, denied functions and the words that end a FROM list.
struct SQLLanguage: Sendable, Decodable {
    let keywords: Set<String>
    let readStarts: Set<String>
    let writeWords: Set<String>
    let deniedFunctions: Set<String>
    let deniedFunctionPrefixes: [String]
    let clauseEnds: Set<String>

    /// The bundled word lists (loaded once).
    static let shared: SQLLanguage = {
        guard let url = Bundle.module.url(forResource: "sql-words", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let words = try? JSONDecoder().decode(SQLLanguage.self, from: data)
        else { fatalError("TableTalkLLM resource sql-words.json is missing or invalid") }
        return words
    }()

    func isDenied(function name: String) -> Bool {
        let n = name.lowercased()
        return deniedFunctions.contains(n) || deniedFunctionPrefixes.contains { n.hasPrefix($0) }
    }
}
