/// A column scored against a stretch of the question.
struct ScoredColumn: Sendable {
    let column: ColumnProfile
    let score: Double
}

/// Question words that name a column ("math score", "dept", "revenue" for a `sales` column).
struct ColumnMention: Sendable {
    /// Token positions linked to the column, ascending.
    var positions: [Int]
    /// Candidate columns, best first; more than one when the words fit several equally.
    var candidates: [ScoredColumn]

    var column: ColumnProfile { candidates[0].column }
    var score: Double { candidates[0].score }
    var start: Int { positions.first ?? 0 }
    var end: Int { (positions.last ?? 0) + 1 }
    /// True when another column fits (almost) as well.
    var isAmbiguous: Bool { candidates.count > 1 && candidates[1].score >= candidates[0].score - 0.05 }

    /// Keeps only the named candidate (after evidence elsewhere in the question decided).
    mutating func resolve(to name: String) {
        if let c = candidates.first(where: { $0.column.name == name }) { candidates = [c] }
    }
}

/// Question words that are a value of some column ("Madrid", "Lincoln High", "girls" for gender F).
struct ValueMention: Sendable {
    var start: Int
    var end: Int
    /// Matching values (one or more columns; several values when a partial name fits more than one).
    var hits: [ValueEntry]
    var score: Double
    /// True when the words are only part of the stored value ("Japan" for "Japan (JPN)").
    var partial: Bool

    /// The columns the value was found in, in order of first appearance.
    var columns: [String] {
        var seen: Set<String> = []
        return hits.compactMap { seen.insert($0.column).inserted ? $0.column : nil }
    }
}

/// Who explains a token of the question.
enum TokenOwner: Sendable, Hashable {
    case column(Int)
    case value(Int)
    case table
}

/// A question linked to one table: tokens, and the column, value and table mentions found in it.
struct LinkedQuestion: Sendable {
    let tokens: [Token]
    let table: TableProfile
    var columnMentions: [ColumnMention]
    var valueMentions: [ValueMention]
    /// Owner of each token, if linked.
    var owners: [TokenOwner?]
    /// Stems of the table's value words and column concepts, to tell a missed filter from a harmless word.
    var vocabulary: Set<String> = []
    /// Values that label summary rows ("Total", "Totals"), which rankings and counts leave out.
    var summaryRows: [ValueEntry] = []

    /// A score of how well the question fits this table (for choosing among several tables).
    var fit: Double {
        let cols = columnMentions.reduce(0.0) { $0 + $1.score }
        let vals = valueMentions.reduce(0.0) { $0 + $1.score * Double($1.end - $1.start) }
        let named = owners.filter { $0 == .table }.count
        return cols + vals + 1.5 * Double(named)
    }

    /// The column mention covering a token, if any.
    func columnMention(at i: Int) -> Int? {
        guard owners.indices.contains(i) else { return nil }
        if case .column(let m) = owners[i] { return m }
        return nil
    }

    func valueMention(at i: Int) -> Int? {
        guard owners.indices.contains(i) else { return nil }
        if case .value(let m) = owners[i] { return m }
        return nil
    }
}
