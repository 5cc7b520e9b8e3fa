/// Words that name the same thing in a schema or a question ("revenue"/"sales", "staff"/"employees",
/// "airline"/"carrier"), and abbreviations seen in column headers ("qty", "dept", "#", "no."). Words in
/// synonyms.json.
///
/// Both question words and schema words are reduced to a *concept key*: the stem of the group's first word.
enum Synonyms {
    /// Groups of interchangeable words; the first is the concept key.
    static let groups: [[String]] = Lexicon.shared.synonyms.groups

    /// Header abbreviations that only make sense in column names ("No." is "number" in a header, but "no" in a
    /// question is a negation).
    static let schemaOnly: [String: String] = Lexicon.shared.synonyms.schemaOnly.byWord

    private static let table: [String: String] = {
        var map: [String: String] = [:]
        for group in groups {
            let head = Stemmer.stem(group[0])
            for w in group { map[Stemmer.stem(w)] = head }
        }
        return map
    }()

    /// The concept key of a question word's stem.
    static func concept(ofStem stem: String) -> String { table[stem] ?? stem }

    /// The concept key of a schema word (column name or label part).
    static func schemaConcept(ofWord word: String) -> String {
        if let expanded = schemaOnly[word] { return concept(ofStem: Stemmer.stem(expanded)) }
        return concept(ofStem: Stemmer.stem(word))
    }
}
