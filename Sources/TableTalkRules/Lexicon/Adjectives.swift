/// Direction of a comparison: toward larger or smaller values (named "up" and "down" in the lexicon files).
enum Direction: String, Sendable, Hashable, CaseIterable, Decodable, LexiconClass {
    case up, down
    var flipped: Direction { self == .up ? .down : .up }
}

/// Adjectives that point at a kind of column and a direction ("hottest" → temperature, up; "youngest" → age,
/// down, or birth date, up), for superlatives and comparisons without a named column. Words in adjectives.json.
enum Adjectives {
    /// A concept key (see ``Synonyms``) and the direction in which the adjective grows along it.
    struct Reading: Sendable {
        var concept: String
        var direction: Direction
    }

    /// Stems of adjectives (the ``Stemmer`` already removed "-est"/"-iest") and their readings, best first.
    static let table: [String: [Reading]] = {
        var t: [String: [Reading]] = [:]
        for entry in Lexicon.shared.adjectives.entries {
            let readings = entry.readings.map {
                Reading(concept: Synonyms.concept(ofStem: Stemmer.stem($0.concept)), direction: $0.direction)
            }
            for w in entry.words { t[Stemmer.stem(w)] = readings }
        }
        return t
    }()

    /// Readings for a stem, if it is a known adjective.
    static func readings(ofStem stem: String) -> [Reading]? { table[stem] }
}
