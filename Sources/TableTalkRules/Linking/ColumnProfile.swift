import Foundation
import TableTalkCore

/// What kind of values a column holds, as far as the parser cares.
enum ColumnRole: Sendable, Hashable {
    /// INTEGER or REAL.
    case number
    /// Text whose cells mostly start with a number ("996 days", "1st", "5,732").
    case numericText
    /// Text holding durations ("1:55.72", "2:03:45").
    case duration
    /// A whole-number column of years (name says year/season, or values 1000…2999).
    case year
    case date, timestamp
    /// BOOLEAN (stored 0/1).
    case boolean
    /// Text with two values such as Y/N, yes/no, true/false.
    case booleanText
    /// Other text.
    case text

    var isNumeric: Bool { self == .number || self == .numericText || self == .year || self == .duration }
    var isTemporal: Bool { self == .date || self == .timestamp }
}

/// A column as the linker sees it: its words reduced to concept keys with weights, its role and value facts.
struct ColumnProfile: Sendable {
    let info: ColumnInfo
    let index: Int
    /// Concept keys of the column's name and label words, in order, without duplicates.
    let concepts: [String]
    /// Dictionary words found inside run-together name words ("brainwt" → brain, wt).
    let nameParts: [String]
    /// Name words that are neither English nor splittable ("psavert", "uempmed"): matched as abbreviations.
    let abbreviations: [String]
    /// The words of the column's own name and their plurals ("type", "types"): such a word names this column even
    /// where it is also a function word.
    let ownNameWords: Set<String>
    /// Stems of the column's own name words, to tell a column named outright from one reached through a synonym.
    let ownNameStems: Set<String>
    let role: ColumnRole
    /// True when every row has a different value.
    let isUnique: Bool
    /// For boolean-like columns: the stored values meaning yes and no.
    let truthy: CellLiteral?
    let falsy: CellLiteral?

    var name: String { info.name }
    /// The header as the user wrote it, for restatements.
    var label: String { info.label.isEmpty ? info.name : info.label }

    init(info: ColumnInfo, index: Int, rowCount: Int) {
        self.info = info
        self.index = index
        var seen: Set<String> = []
        var concepts: [String] = []
        var parts: [String] = []
        var abbreviations: [String] = []
        for w in TextNormalizer.words(info.name.replacingUnderscores) + TextNormalizer.words(info.label) {
            let c = Synonyms.schemaConcept(ofWord: w)
            if seen.insert(c).inserted { concepts.append(c) }
            // "brainwt" → brain + wt, "horsepower" stays; what cannot be split is an abbreviation ("psavert")
            guard !EnglishWords.contains(w), w.count >= 3, w.allSatisfy(\.isLetter) else { continue }
            if let split = Abbreviations.segment(w) {
                parts += split
                for p in split {
                    let pc = Synonyms.schemaConcept(ofWord: p)
                    if seen.insert(pc).inserted { concepts.append(pc) }
                }
            } else if !abbreviations.contains(w) {
                abbreviations.append(w)
            }
        }
        self.concepts = concepts
        let nameWords = TextNormalizer.words(info.name.replacingUnderscores)
        self.ownNameWords = Set(nameWords.flatMap { [$0, $0 + "s"] })
        self.ownNameStems = Set(nameWords.map(Stemmer.stem))
        self.nameParts = parts
        self.abbreviations = abbreviations
        let samples = (info.distinctValues ?? []) + info.examples
        var role: ColumnRole
        switch info.type {
        case .integer, .real:
            role = .number
            let yearish = LinkerWords.yearColumnWords.contains { concepts.contains(Concept.key($0)) }
            let numeric = samples.compactMap { Double($0) }
            let allYears = numeric.count >= 3 && numeric.allSatisfy { $0 >= 1800 && $0 <= 2100 && $0 == $0.rounded() }
            if info.type == .integer && (yearish || allYears) {
                role = .year
            }
        case .boolean: role = .boolean
        case .date: role = .date
        case .timestamp: role = .timestamp
        case .text:
            role = .text
            let nonEmpty = samples.filter { !$0.trimmingSpaces.isEmpty }
            if !nonEmpty.isEmpty {
                let numeric = nonEmpty.filter { ColumnProfile.looksNumeric($0) }.count
                if Double(numeric) >= 0.8 * Double(nonEmpty.count) { role = .numericText }
                let durations = nonEmpty.filter { ColumnProfile.looksLikeDuration($0) }.count
                if Double(durations) >= 0.8 * Double(nonEmpty.count) { role = .duration }
            }
            if let d = info.distinctValues, d.count == 2 || d.count == 1 {
                let folded = d.map { TextNormalizer.fold($0) }
                if folded.allSatisfy({ ColumnProfile.truthWords.keys.contains($0) }) { role = .booleanText }
            }
        }
        self.role = role
        self.isUnique = info.distinctCount.map { $0 >= rowCount && rowCount > 1 } ?? false
        switch role {
        case .boolean:
            truthy = .integer(1)
            falsy = .integer(0)
        case .booleanText:
            let d = info.distinctValues ?? []
            truthy = d.first { ColumnProfile.truthWords[TextNormalizer.fold($0)] == true }.map { .text($0) }
            falsy = d.first { ColumnProfile.truthWords[TextNormalizer.fold($0)] == false }.map { .text($0) }
        default:
            truthy = nil
            falsy = nil
        }
    }

    /// Cell spellings of yes and no.
    static let truthWords: [String: Bool] = Dictionary(uniqueKeysWithValues:
        LinkerWords.yesCells.map { ($0, true) } + LinkerWords.noCells.map { ($0, false) })

    /// "1:55.72", "2:03:45", "59.8": minutes and seconds (and hours).
    static func looksLikeDuration(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        for (i, p) in parts.enumerated() {
            let isLast = i == parts.count - 1
            guard p.allSatisfy({ $0.isASCII && ($0.isNumber || (isLast && $0 == ".")) }) else { return false }
            if i > 0 && p.prefix(while: { $0 != "." }).count != 2 { return false }
        }
        return true
    }

    /// A number with at most a short unit and a note: "996 days", "4.72%", "1st", "$8.2 billion (9th)",
    /// "1,774" — but not "18 January 1849", "13–10" or "2007/08".
    static func looksNumeric(_ text: String) -> Bool {
        var chars = Substring(text.trimmingSpaces)
        while let f = chars.first, "$£€¥+-−~≈".contains(f) { chars.removeFirst() }
        var digits = 0
        while let f = chars.first, f.isASCII && (f.isNumber || f == "," || f == ".") {
            if f.isNumber { digits += 1 }
            chars.removeFirst()
        }
        guard digits > 0 else { return false }
        var rest = String(chars)
        if let open = rest.firstIndex(of: "("), rest.hasSuffix(")") { rest = String(rest[..<open]) }
        if let open = rest.firstIndex(of: "["), rest.hasSuffix("]") { rest = String(rest[..<open]) }
        rest = rest.trimmingSpaces
        if rest.isEmpty || rest == "%" || rest == "*" || rest == "+" { return true }
        let words = rest.split(separator: " ")
        guard words.count <= 2 else { return false }
        for w in words {
            let lw = w.lowercased()
            guard w.count <= 12, w.allSatisfy({ $0.isLetter || "%.²³°/".contains($0) }), DateWords.months[lw.trimmingCharacters(in: ["."])] == nil else { return false }
        }
        return true
    }

    static let intensive: Set<String> = Concept.keys(Array(LinkerWords.intensiveMeasureWords))

    /// True when the column's words include the concept of `word` ("price" matches a `Cost` column too).
    func has(_ word: String) -> Bool { concepts.contains(Concept.key(word)) }

    /// True when the column's words include the concept of any of `words` (a word class of the lexicon).
    func has(anyOf words: Set<String>) -> Bool { words.contains { has($0) } }

    /// True when larger values are worse ("rank", "position": 1st is best; times in a race).
    var lowerIsBetter: Bool { has(anyOf: LinkerWords.lowerIsBetterWords) }

    /// Measures that are averaged rather than summed when grouped (rates, scores, prices, ages, temperatures).
    var isIntensive: Bool {
        concepts.contains { ColumnProfile.intensive.contains($0) }
    }
}

/// A value as it is stored in a cell, for equality filters on boolean-like columns.
enum CellLiteral: Sendable, Hashable {
    case text(String)
    case integer(Int64)

    var planValue: PlanValue {
        switch self {
        case .text(let s): return .text(s)
        case .integer(let i): return .integer(i)
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
