/// Words that stand for common coded values: "girls" for F/Female, "men" for M/Male, "germans" for Germany.
/// Words in value-synonyms.json.
enum ValueSynonyms {
    private static let table: [String: [String]] = {
        let file = Lexicon.shared.valueSynonyms
        var t: [String: [String]] = [:]
        for code in file.codes { for w in code.words { t[w] = code.values } }
        // People and adjectives of countries, so "how many germans" can find a nationality.
        for demonym in file.demonyms {
            // "american" finds the country and its codes ("USA", "US") wherever a code list names the country
            let codes = file.codes.filter { $0.values.contains(demonym.country) }.flatMap(\.values)
            for w in demonym.words {
                for v in [demonym.country] + codes where !(t[w] ?? []).contains(v) { t[w, default: []].append(v) }
            }
        }
        return t
    }()

    /// Value keys the word may stand for, or nil.
    static func codes(for word: String) -> [String]? { table[word] }
}
