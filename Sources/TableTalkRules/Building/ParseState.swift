import TableTalkCore

/// What a column mention turned out to be in the question.
enum MentionRole: Sendable, Hashable {
    /// Used by a filter (comparison, predicate).
    case filter
    /// A group-by key.
    case dimension
    /// Aggregated or ranked.
    case measure
    /// The column the question asks for ("which school", "who", "what … name").
    case answer
    /// Absorbed into another mention or construct.
    case absorbed
}

/// A position cue: "first", "last", "next after X", "before X".
enum PositionCue: Sendable, Hashable {
    case first(Int)
    case last(Int)
    case after(column: String, value: String)
    case before(column: String, value: String)
}

/// The working state of one parse: linked question, explained tokens, cues found and the plan so far.
struct ParseState: Sendable {
    let q: LinkedQuestion
    var tokens: [Token] { q.tokens }
    var table: TableProfile { q.table }
    /// Tokens that some construct explained.
    var used: [Bool]
    /// Role of each column mention, once decided.
    var roles: [MentionRole?]
    /// Value mentions consumed by a construct (comparison of two values, position).
    var usedValues: Set<Int> = []

    // cues
    var countAt: Int?
    var countDistinct = false
    var aggregateCues: [(pos: Int, cue: AggregateCue)] = []
    var shareAt: Int?
    var superlative: (pos: Int, direction: Direction, readings: [Adjectives.Reading])?
    /// "most common", "most frequent", "most often": rank groups by row count.
    var mostFrequent = false
    var groupAt: [Int] = []
    var bucket: TimeBucket?
    var orderDirection: Direction?
    var orderAt: Int?
    var limit: Int?
    var limitDirection: Direction?
    /// Position of the number in "top 10".
    var limitAt: Int?
    var position: PositionCue?
    /// A rank column ordered by "first"/"last" (mention, direction of the answer along the column).
    var rankOrder: (mention: Int, direction: Direction)?
    var questionWord: (pos: Int, word: String)?
    /// Later question words ("… and where?").
    var extraQuestionWords: [(pos: Int, word: String)] = []
    var negations: [Int] = []
    var comparative: (pos: Int, direction: Direction)?
    var differenceAt: Int?

    /// Mentions with an aggregate word (mention index, aggregate).
    var measureCues: [(mention: Int, cue: AggregateCue)] = []
    /// An aggregate word with no column of its own ("on average").
    var looseAggregate: AggregateCue?
    /// The mention after "sorted by".
    var sortMention: Int?
    /// A column implied by the question word ("who" → the name column) when none is mentioned.
    var impliedAnswer: ColumnProfile?
    /// "what year": answer a date column's year.
    var answerYear = false
    /// "the next most … after X": rank below X's value (key column, stored value).
    var belowValue: (String, String)?
    /// The mention after "by" in "top 3 brands by revenue": what is ranked.
    var rankBy: Int?
    /// Comparisons a "not" turned around ("not below 24"), so that negation is accounted for.
    var negatedComparisons = 0
    /// A rank column "won" points at ("which rider won the race?").
    var rankColumn: ColumnProfile?
    /// The mention after "per" when it is a quantity ("field goals per game played"): a ratio, not a group.
    var perDenominator: Int?
    /// A column named by an aggregate word alone ("the most total medals" → Total).
    var extraTarget: ColumnProfile?
    /// "name a …": one example is enough.
    var pickOne = false
    /// The plan is a spread (max − min).
    var spread = false
    /// The word the question uses for the rows ("animals"), once claimed.
    var rowNoun: String?
    /// The noun after "which"/"what" that named no column and was read as the rows' label ("which animal").
    var labelNounAt: Int?
    /// "which month …": the date column answers, in this bucket.
    var answerBucket: TimeBucket?
    /// "how many GWh …": the unit word asked for (the table's one measure is summed).
    var unitAsked: Int?
    /// "how many years …": distinct calendar buckets are counted.
    var countBucket: TimeBucket?
    /// Conditions on groups found in the question ("more than 10,000 diamonds", "above 10000 on average").
    var groupConditions: [(condition: GroupCondition, at: Int)] = []
    /// Two values (or years) set against each other: show one row per side.
    var versus: (column: PlanExpr, at: Int)?

    // results
    var filters: [PlanFilter] = []
    /// Token position each filter came from (for shares: which filters define the part).
    var filterAt: [Int] = []
    var problems: [String] = []
    var alternatives: [String] = []
    var confidence = 1.0

    /// Folded words written with a capital letter in the middle of a question that is not all capitals.
    var properNouns: Set<String> = []

    init(_ q: LinkedQuestion) {
        self.q = q
        used = Array(repeating: false, count: q.tokens.count)
        roles = Array(repeating: nil, count: q.columnMentions.count)
        for (i, o) in q.owners.enumerated() where o == .table { used[i] = true }
    }

    // MARK: word helpers

    /// The token at `i`, or nil outside the question.
    func tok(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    /// The folded word at `i`, or "" outside the question.
    func w(_ i: Int) -> String { i >= 0 && i < tokens.count ? tokens[i].word : "" }

    /// True when the words starting at `i` are `words` (space-separated).
    func at(_ i: Int, _ words: String) -> Bool {
        let parts = words.split(separator: " ")
        guard i >= 0, i + parts.count <= tokens.count else { return false }
        for (k, p) in parts.enumerated() where tokens[i + k].word != p { return false }
        return true
    }

    /// The first position ≥ `from` where `words` start.
    func find(_ words: String, from: Int = 0) -> Int? {
        guard from < tokens.count else { return nil }
        return (max(0, from)..<tokens.count).first { at($0, words) }
    }

    /// The first position from `from` on whose word is in `words` (a word class of the lexicon).
    func find(anyOf words: Set<String>, from: Int = 0) -> Int? {
        guard from < tokens.count else { return nil }
        return (max(0, from)..<tokens.count).first { words.contains(tokens[$0].word) }
    }

    mutating func use(_ range: Range<Int>) {
        for i in range where i >= 0 && i < used.count {
            used[i] = true
            // a number a construct took ("the 5 most powerful", "6 or more") is no longer a value ("Cylinders 5")
            if tokens[i].kind == .number, case .value(let v) = q.owners[i], q.valueMentions[v].end - q.valueMentions[v].start == 1 { usedValues.insert(v) }
        }
    }

    mutating func use(_ i: Int) { use(i..<(i + 1)) }
    mutating func use(_ r: ClosedRange<Int>) { use(r.lowerBound..<(r.upperBound + 1)) }

    /// Adds a filter found at token `i`.
    mutating func addFilter(_ f: PlanFilter, at i: Int) {
        filters.append(f)
        filterAt.append(i)
    }

    /// Gives a mention a role, settling it on one candidate column when named.
    mutating func setRole(_ m: Int, _ role: MentionRole, column: String? = nil) {
        roles[m] = role
        if let column { resolved[m] = column }
    }

    /// The column of a mention (the candidate chosen for it, else its best candidate).
    func column(_ m: Int) -> ColumnProfile {
        if let name = resolved[m], let c = q.columnMentions[m].candidates.first(where: { $0.column.name == name }) { return c.column }
        return q.columnMentions[m].column
    }

    /// Candidate chosen for ambiguous mentions (mention index → column name).
    var resolved: [Int: String] = [:]

    /// Column mention indices without a role, in question order.
    var freeMentions: [Int] { q.columnMentions.indices.filter { roles[$0] == nil } }

    /// Value mention indices not yet consumed, in question order.
    var freeValues: [Int] { q.valueMentions.indices.filter { !usedValues.contains($0) } }

    /// True when a negation word stands within `distance` words before `i` and governs it: "not in the 1st
    /// position", "without free lunch" — but not "not wins for Dan" (a preposition after other words ends the
    /// scope), nor across another value or column.
    func negated(before i: Int, distance: Int = 3) -> Bool {
        guard let n = negations.filter({ $0 < i && i - $0 <= distance }).max() else { return false }
        let leading: Set<String> = BuilderWords.negationLeading
        let prepositions: Set<String> = BuilderWords.negationScopeEnders
        var sawContent = false
        var k = n + 1
        while k < i {
            if q.owners[k] != nil { return false }
            let word = tokens[k].word
            if !sawContent && leading.contains(word) {
                k += 1
                continue
            }
            if sawContent && prepositions.contains(word) { return false }
            sawContent = true
            k += 1
        }
        return true
    }

    /// Nearest column mention (by token distance) satisfying `accept`.
    func nearestMention(to i: Int, maxDistance: Int = 6, preferRight: Bool = false, _ accept: (Int) -> Bool) -> Int? {
        var best: (m: Int, d: Int)?
        for m in q.columnMentions.indices where accept(m) {
            let cm = q.columnMentions[m]
            let d = i < cm.start ? cm.start - i : (i >= cm.end ? i - cm.end + 1 : 0)
            let biased = d * 2 + ((i < cm.start) == preferRight ? 0 : 1)
            if d <= maxDistance && (best == nil || biased < best!.d) { best = (m, biased) }
        }
        return best?.m
    }

    /// Columns of the table in a role, for question words ("who" → a person column).
    func columns(where accept: (ColumnProfile) -> Bool) -> [ColumnProfile] { table.columns.filter(accept) }

    /// Content words nobody explained (for honesty checks).
    var unexplained: [Int] {
        tokens.indices.filter { i in
            guard !used[i], q.owners[i] == nil else { return false }
            let t = tokens[i]
            if t.kind == .symbol { return false }
            if t.kind == .number { return true }
            return !Vocabulary.stopwords.contains(t.word) && !Vocabulary.questionWords.contains(t.word)
                && !ParseState.fillers.contains(t.word) && !ParseState.fillers.contains(t.stem)
        }
    }

    /// Words that add nothing to a query over one table.
    static let fillers: Set<String> = Set(Lexicon.shared.fillers.words)
}
