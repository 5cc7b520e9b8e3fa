public import TableTalkCore

/// An in-memory index of the distinct values of text columns, used to link question words to data values
/// ("Germany", "Same Day", "JFK").
///
/// Build it once per catalog (for example from `SELECT DISTINCT` of each low-cardinality text column) and
/// pass it as ``TranslationContext/valueLookup``; the rules translator then also finds values named only in
/// part ("Japan" for "Japan (JPN)"). Lookups are exact and case- and accent-insensitive.
///
/// ```swift
/// let index = ValueIndex(values: ["orders": ["country": ["Germany", "Canada"]]])
/// index.columns(containing: "germany", in: "orders")  // [("country", "Germany")]
/// ```
public final class ValueIndex: ValueLookup, Sendable {
    let tables: [String: TableValues]

    /// - Parameter values: table name → column name → the column's distinct values as text.
    public init(values: [String: [String: [String]]]) {
        var t: [String: TableValues] = [:]
        for (table, columns) in values { t[table] = TableValues(columns: columns) }
        tables = t
    }

    /// Columns of `table` whose values include `value` (case- and accent-insensitive), with the stored spelling.
    public func columns(containing value: String, in table: String) -> [(column: String, stored: String)] {
        tables[table]?.exact[TextNormalizer.key(value)]?.map { ($0.column, $0.stored) } ?? []
    }

    /// Number of values indexed for a table.
    public func count(in table: String) -> Int { tables[table]?.entries.count ?? 0 }
}

/// One value of one column, with its matching key and words.
struct ValueEntry: Sendable, Hashable {
    let column: String
    let stored: String
    let key: String
    let words: [String]

    /// The words of each part of the value: lines, comma- or slash-separated pieces, the text outside
    /// parentheses ("Havana, Cuba" → [havana], [cuba]; "Japan (JPN)" → [japan], [jpn]).
    var parts: [[String]] {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        for ch in stored {
            switch ch {
            case "(", "[":
                depth += 1
                pieces.append(current)
                current = ""
            case ")", "]":
                depth = max(0, depth - 1)
                pieces.append(current)
                current = ""
            case "\n", "\r", ",", "/", ";", "&", "–", "—", "|":
                pieces.append(current)
                current = ""
            default:
                current.append(ch)
            }
        }
        pieces.append(current)
        return pieces.map { TextNormalizer.words($0) }.filter { !$0.isEmpty }
    }
}

/// The values of one table: by full key and by word, for exact and partial matches.
struct TableValues: Sendable {
    let entries: [ValueEntry]
    /// Matching key → entries with that key.
    let exact: [String: [ValueEntry]]
    /// Word → indices into `entries` of values containing it.
    let byWord: [String: [Int]]
    /// Stem of a one-word value → entries ("rain" for "Rain", so "rainy" finds it).
    let byStem: [String: [ValueEntry]]
    /// Stems of every word of every value.
    let wordStems: Set<String>
    /// First five letters of one-word values → entries (for "democrats" → "Democratic").
    let byPrefix: [Substring: [ValueEntry]]

    init(columns: [String: [String]]) {
        var entries: [ValueEntry] = []
        var seen: Set<ValueEntry> = []
        for (column, values) in columns.sorted(by: { $0.key < $1.key }) {
            for v in values {
                let words = TextNormalizer.words(v)
                guard !words.isEmpty, words.count <= 12 else { continue }
                let e = ValueEntry(column: column, stored: v, key: words.joined(separator: " "), words: words)
                if seen.insert(e).inserted { entries.append(e) }
                // "AsstProf" is also read as "asst prof"
                let split = TextNormalizer.words(TableValues.splittingCamelCase(v))
                if split != words, !split.isEmpty, split.count <= 12 {
                    let alt = ValueEntry(column: column, stored: v, key: split.joined(separator: " "), words: split)
                    if seen.insert(alt).inserted { entries.append(alt) }
                }
            }
        }
        self.init(entries: entries)
    }

    init(entries: [ValueEntry]) {
        self.entries = entries
        var exact: [String: [ValueEntry]] = [:]
        var byWord: [String: [Int]] = [:]
        var byStem: [String: [ValueEntry]] = [:]
        for (i, e) in entries.enumerated() {
            exact[e.key, default: []].append(e)
            for w in Set(e.words) { byWord[w, default: []].append(i) }
            if e.words.count == 1 { byStem[Stemmer.stem(e.words[0]), default: []].append(e) }
        }
        self.exact = exact
        self.byWord = byWord
        self.byStem = byStem
        self.wordStems = Set(byWord.keys.map(Stemmer.stem))
        var byPrefix: [Substring: [ValueEntry]] = [:]
        for e in entries where e.words.count == 1 && e.words[0].count >= 6 { byPrefix[e.words[0].prefix(5), default: []].append(e) }
        self.byPrefix = byPrefix
    }

    /// Puts a space where a lower-case letter meets an upper-case one ("AsstProf" → "Asst Prof").
    static func splittingCamelCase(_ text: String) -> String {
        var out = ""
        var previous: Character?
        for ch in text {
            if let p = previous, p.isLowercase, ch.isUppercase { out.append(" ") }
            out.append(ch)
            previous = ch
        }
        return out
    }

    /// Merges two sets of values (index plus catalog samples).
    func merged(with other: TableValues) -> TableValues {
        var seen = Set(entries)
        var all = entries
        for e in other.entries where seen.insert(e).inserted { all.append(e) }
        return TableValues(entries: all)
    }
}
