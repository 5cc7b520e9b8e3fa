/// Concept keys: the form in which question words and schema words are compared (stemmed, synonyms merged).
enum Concept {
    /// The key of a word ("prices" → the key of "price", "qty" → the key of "quantity").
    static func key(_ word: String) -> String { Synonyms.concept(ofStem: Stemmer.stem(word)) }

    /// Keys of several words.
    static func keys(_ words: [String]) -> Set<String> { Set(words.map(key)) }
}
