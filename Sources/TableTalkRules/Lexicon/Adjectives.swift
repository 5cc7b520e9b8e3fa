/// Direction of a comparison: toward larger or smaller values.
enum Direction: Sendable, Hashable {
    case up, down
    var flipped: Direction { self == .up ? .down : .up }
}

/// Adjectives that point at a kind of column and a direction ("hottest" → temperature, up; "youngest" → age,
/// down, or birth date, up), for superlatives and comparisons without a named column.
enum Adjectives {
    /// A concept key (see ``Synonyms``) and the direction in which the adjective grows along it.
    struct Reading: Sendable {
        var concept: String
        var direction: Direction
    }

    /// Stems of adjectives (the ``Stemmer`` already removed "-est"/"-iest") and their readings, best first.
    static let table: [String: [Reading]] = {
        func r(_ pairs: [(String, Direction)]) -> [Reading] {
            pairs.map { Reading(concept: Synonyms.concept(ofStem: Stemmer.stem($0.0)), direction: $0.1) }
        }
        var t: [String: [Reading]] = [:]
        func add(_ words: [String], _ pairs: [(String, Direction)]) {
            for w in words { t[Stemmer.stem(w)] = r(pairs) }
        }
        add(["hot", "hottest", "hotter", "warm", "warmest", "warmer"], [("temperature", .up), ("high", .up), ("max", .up)])
        add(["cold", "coldest", "colder", "cool", "coolest", "cooler", "chilly"], [("temperature", .down), ("low", .down), ("min", .down)])
        add(["expensive", "costly", "pricey", "priciest", "pricier"], [("price", .up), ("value", .up)])
        add(["cheap", "cheapest", "cheaper", "inexpensive", "affordable"], [("price", .down), ("value", .down)])
        add(["young", "youngest", "younger"], [("age", .down), ("birth", .up)])
        add(["old", "oldest", "older", "elderly"], [("age", .up), ("birth", .down), ("founder", .down), ("year", .down), ("date", .down)])
        add(["big", "biggest", "bigger", "large", "largest", "larger", "huge", "vast"], [("size", .up), ("area", .up), ("population", .up), ("capacity", .up), ("enrollment", .up)])
        add(["small", "smallest", "smaller", "tiny", "little"], [("size", .down), ("area", .down), ("population", .down), ("capacity", .down), ("enrollment", .down)])
        add(["tall", "tallest", "taller"], [("height", .up), ("elevation", .up), ("floor", .up)])
        add(["heavy", "heaviest", "heavier"], [("weight", .up)])
        add(["light", "lightest", "lighter"], [("weight", .down)])
        add(["long", "longest", "longer", "lengthy"], [("duration", .up), ("distance", .up), ("time", .up), ("day", .up)])
        add(["short", "shortest", "shorter", "brief"], [("duration", .down), ("distance", .down), ("time", .down), ("height", .down)])
        add(["fast", "fastest", "faster", "quick", "quickest", "quicker"], [("speed", .up), ("time", .down)])
        add(["slow", "slowest", "slower"], [("speed", .down), ("time", .up)])
        add(["windy", "windiest", "windier"], [("wind", .up)])
        add(["calm", "calmest"], [("wind", .down)])
        add(["rainy", "rainiest", "wet", "wettest", "wetter"], [("precipitation", .up), ("rain", .up)])
        add(["dry", "driest", "drier"], [("precipitation", .down), ("rain", .down)])
        add(["populous", "populated", "crowded"], [("population", .up)])
        add(["popular"], [("attendance", .up), ("view", .up), ("sales", .up), ("vote", .up)])
        add(["rich", "richest", "richer", "wealthy", "wealthiest"], [("wealth", .up), ("worth", .up), ("income", .up), ("gdp", .up)])
        add(["poor", "poorest", "poorer"], [("wealth", .down), ("income", .down), ("gdp", .down)])
        add(["early", "earliest", "earlier"], [("date", .down), ("year", .down), ("time", .down)])
        add(["late", "latest", "later", "recent", "newest", "newer", "new"], [("date", .up), ("year", .up)])
        add(["far", "farthest", "furthest", "distant"], [("distance", .up)])
        add(["close", "closest", "nearest", "near"], [("distance", .down)])
        add(["deep", "deepest", "deeper"], [("depth", .up)])
        add(["busy", "busiest", "busier"], [("passenger", .up), ("traffic", .up)])
        add(["profitable"], [("profit", .up)])
        add(["wide", "widest", "wider"], [("width", .up)])
        add(["high", "highest", "higher"], [("high", .up), ("max", .up), ("elevation", .up), ("height", .up)])
        add(["low", "lowest", "lower"], [("low", .down), ("min", .down)])
        return t
    }()

    /// Readings for a stem, if it is a known adjective.
    static func readings(ofStem stem: String) -> [Reading]? { table[stem] }
}
