import Foundation

/// English words, to tell a word in a column name from an abbreviation ("weight" vs "wt", "brainwt", "psavert")
/// and to expand an abbreviation by prefix. The list is Resources/lexicon/english-words.txt, derived from Debian's
/// wamerican by scripts/make-wordlist.sh; it is read once, on first use.
enum EnglishWords {
    /// The words, lowercase, sorted bytewise.
    static let sorted: [String] = {
        do { return try load(from: Lexicon.resourceDirectory.appendingPathComponent(fileName)) } catch { fatalError("\(error)") }
    }()

    private static let set = Set(sorted)

    static let fileName = "english-words.txt"

    /// Whether `word` (lowercase) is an English word.
    static func contains(_ word: String) -> Bool { set.contains(word) }

    /// The words that start with `prefix` (lowercase), in order: "savin" → "saving", "savings"; found by binary
    /// search, so as cheap as a lookup.
    static func words(withPrefix prefix: String) -> ArraySlice<String> {
        let start = partition(0) { $0 >= prefix }
        return sorted[start..<partition(start) { !$0.hasPrefix(prefix) }]
    }

    /// The first index from `low` at which `isAfter` holds, for a predicate that is false then true along `sorted`.
    private static func partition(_ low: Int, _ isAfter: (String) -> Bool) -> Int {
        var (low, high) = (low, sorted.count)
        while low < high {
            let mid = (low + high) / 2
            if isAfter(sorted[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Reads a word list: one word per line, "#" lines are comments. Each word must be ASCII lowercase letters,
    /// in strictly increasing order, or the error names the line. Works on the bytes: 60,000 words load in a few ms.
    static func load(from url: URL) throws(LexiconError) -> [String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LexiconError(file: url.lastPathComponent, reason: "unreadable at \(url.path): \(error.localizedDescription)")
        }
        var words: [String] = []
        words.reserveCapacity(data.count / 9)
        var previous: ArraySlice<UInt8> = []
        let bytes = [UInt8](data)
        for (n, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            guard line.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
                throw LexiconError(file: url.lastPathComponent, reason: "line \(n + 1): \"\(String(decoding: line, as: UTF8.self))\" is not lowercase ASCII letters")
            }
            guard previous.lexicographicallyPrecedes(line) else {
                throw LexiconError(file: url.lastPathComponent, reason: "line \(n + 1): \"\(String(decoding: line, as: UTF8.self))\" is out of order or repeated")
            }
            previous = line
            words.append(String(decoding: line, as: UTF8.self))
        }
        return words
    }
}
