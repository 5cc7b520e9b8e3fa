import TableTalkCore

/// A plan built from one question over one table, with how sure the builder is and why it may not be.
struct PlanDraft: Sendable {
    var plan: QueryPlan?
    /// 0…1; below the translator's threshold the answer becomes a clarification.
    var confidence: Double
    /// Parts of the question that could not be mapped ("a comparison with 50 that names no numeric column").
    var problems: [String]
    /// Readings the builder chose between, to offer the other.
    var alternatives: [String]
    /// Words nobody explained.
    var unexplained: [String]
    /// Confidence factor for the unexplained words (1 when there are none).
    var unexplainedFactor: Double = 1
    /// The finished parse, for explaining what each word was read as (``Understanding``).
    var state: ParseState? = nil
}

/// Builds a ``QueryPlan`` from a question linked to one table, in passes: cues, dates, comparisons,
/// predicates, value pairs, positions, values, roles, then assembly.
struct PlanBuilder {
    var s: ParseState

    init(_ q: LinkedQuestion) { s = ParseState(q) }

    mutating func build() -> PlanDraft {
        scanCues()
        parseCalendarAnswer()
        resolveAmbiguity()
        parseDates()
        parseComparisons()
        parseContains()
        parsePredicates()
        var plan: QueryPlan?
        plan = buildSpread()
        if plan == nil, s.differenceAt != nil || s.find(anyOf: BuilderWords.differenceNouns) != nil || s.find(anyOf: BuilderWords.minusWords) != nil { plan = buildDifference() }
        if plan == nil { plan = buildComparison() }
        parseRelativeComparisons()
        parseNeighbours()
        if s.superlative == nil && s.limitDirection == nil { parseFirstLast() }
        parseValues()
        assignDimensions()
        assignMeasures()
        assignAnswer()
        if plan == nil {
            plan = assemble()
        } else {
            plan!.filters = s.filters + plan!.filters
        }
        if var p = plan {
            applyGroupConditions(&p)
            applyPerGroup(&p)
            applyVersus(&p)
            applyHowMuch(&p)
            applyListedAnswers(&p)
            checkLabelNoun(p)
            applyOrder(&p)
            p.filters = Self.mergeAlternatives(p.filters)
            plan = p
        }
        if let w = danglingComparative() { s.problems.append("“\(w)” — \(Self.danglingComparisonQuestion)?") }
        // a "not" that negated nothing would silently drop a condition
        let negative = (plan?.filters ?? []).contains { f in
            [.notEquals, .notIn, .isNull].contains(f.op) && f.phrase != Self.totalRowPhrase || (f.phrase?.hasPrefix("no ") ?? false) || (f.phrase?.hasPrefix("not ") ?? false)
        } || (plan?.measures ?? []).contains { $0.condition.contains { [.notEquals, .notIn, .isNull].contains($0.op) } }
        let negationWords = s.negations.filter { BuilderWords.negationWords.contains(s.w($0)) && !s.at($0, "no more") && !s.at($0, "no less") && !s.at($0 - 1, "not only") }
        if !negationWords.isEmpty && !negative && s.negatedComparisons == 0 && !s.tokens.indices.contains(where: { s.w($0) == "out" && s.w($0 + 1) == "of" }) {
            s.problems.append("“\(s.w(negationWords[0]))” — I could not tell what it excludes")
        }
        explainByPlan(plan)
        checkAnswerShape(plan)
        if let p = plan, p.measures.contains(where: { m in
            [.sum, .avg].contains(m.aggregate) && m.expr?.column.flatMap { s.table.column(named: $0) }.map { $0.role.isTemporal } == true
                && { if case .column = m.expr { return true } else { return false } }()
        }) {
            s.problems.append("dates cannot be added up or averaged")
        }
        claimRowNoun()
        // every content word is explained or the answer is a clarification: a noun, an adjective or a number
        // nobody placed may change the answer; only verbs that tell the story may be left over
        let unplaced = s.unexplained.filter(isUnplaced)
        if !unplaced.isEmpty {
            // the words nobody placed say most about what went wrong: name them first
            s.problems.insert("I don't know what " + unplaced.prefix(3).map { "“\(s.tokens[$0].original)”" }.joined(separator: ", ") + (unplaced.count == 1 ? " refers to" : " refer to"), at: 0)
        }
        let unexplained = s.unexplained.map { s.tokens[$0].original }
        // a plan over the whole table ("how many drivers are from England" read as all rows) is only right when
        // nothing but the name of what is counted or ranked was left over
        let unfiltered = plan.map { p in
            !p.filters.contains(where: { $0.op != .isNotNull && $0.phrase != Self.totalRowPhrase && !$0.values.contains(.maximum) && !$0.values.contains(.minimum) })
                && p.measures.allSatisfy({ $0.condition.isEmpty })
        } ?? false
        var factor = 1.0
        for i in s.unexplained {
            let w = unexplainedWeight(s.tokens[i])
            if isSubjectNoun(i) && w > 0.5 {
                factor *= 0.9
            } else {
                factor *= unfiltered ? w * w : w
            }
        }
        return PlanDraft(plan: plan, confidence: s.confidence, problems: s.problems, alternatives: s.alternatives, unexplained: unexplained, unexplainedFactor: factor, state: s)
    }

    /// Equalities on the same expression can only hold together as alternatives: "in September or November",
    /// "in 2009, 2010 and 2011" → one `IN` filter.
    static func mergeAlternatives(_ filters: [PlanFilter]) -> [PlanFilter] {
        var out: [PlanFilter] = []
        for f in filters {
            if (f.op == .equals || f.op == .isIn), let k = out.firstIndex(where: { ($0.op == .equals || $0.op == .isIn) && $0.expr == f.expr && $0.values != f.values }),
                !f.values.contains(where: { if case .text = $0 { return false } else if case .integer = $0 { return false } else { return true } })
            {
                var merged = out[k]
                merged.values += f.values.filter { !merged.values.contains($0) }
                merged.op = merged.values.count > 1 ? .isIn : .equals
                merged.phrase = nil
                out[k] = merged
            } else {
                out.append(f)
            }
        }
        return out
    }

    /// How much an unexplained word shakes the reading: numbers and quoted phrases, or words that occur in the
    /// table's data or headers, were probably meant as filters; verbs and foreign nouns are mostly context.
    func unexplainedWeight(_ t: Token) -> Double {
        if t.kind == .number, let n = t.integer, n == s.table.info.rowCount { return 0.95 }  // "all seven institutions"
        if t.kind == .number || t.kind == .quoted { return 0.4 }
        // a capitalised word in a question that uses capitals elsewhere is a name we could not find
        if s.properNouns.contains(t.word) { return 0.35 }
        if s.q.vocabulary.contains(t.stem) || s.q.vocabulary.contains(Synonyms.concept(ofStem: t.stem)) { return 0.45 }
        if t.word.hasSuffix("ed") || t.word.hasSuffix("ing") || PlanBuilder.contextVerbs.contains(t.word) { return 0.85 }
        // "in Tokyo", "from England", "with Philadelphia": a place or name after a preposition is a filter
        if let i = s.tokens.firstIndex(of: t), i > 0, BuilderWords.conditionPrepositions.contains(s.w(i - 1)), !BuilderWords.contextNounsAfterPreposition.contains(t.word) { return 0.5 }
        return 0.7
    }

    /// The noun that says what the rows are: "how many *singles*", "which *project* location", "the last *film*",
    /// "the most *medals*".
    func isSubjectNoun(_ i: Int) -> Bool {
        guard s.tokens[i].kind == .word else { return false }
        var anchors: [Int] = []
        if let c = s.countAt { anchors.append(c + 1) }  // "how many" / "number of" end one word later
        if let q = s.questionWord { anchors.append(q.pos) }
        if let sup = s.superlative { anchors.append(sup.pos) }
        if case .first(let p) = s.position { anchors.append(p) }
        if case .last(let p) = s.position { anchors.append(p) }
        for a in anchors {
            var k = a + 1
            while k < i && (BuilderWords.subjectNounLeaders.contains(s.w(k)) || s.q.owners[k] != nil || s.used[k]) { k += 1 }
            if k == i {
                // "how many spanish champions": the first of two unknown words is a condition, not the subject
                if let next = s.tok(i + 1), next.kind == .word, s.q.owners[i + 1] == nil, !s.used[i + 1],
                    !Vocabulary.stopwords.contains(next.word), !ParseState.fillers.contains(next.word),
                    !next.word.hasSuffix("ed"), !next.word.hasSuffix("ing"), !PlanBuilder.contextVerbs.contains(next.word)
                {
                    return false
                }
                return true
            }
        }
        return false
    }

    /// The phrase of the filter that leaves out a table's total rows; later passes recognise that filter by it.
    static let totalRowPhrase = "not a total row"
    /// What a comparative with nothing to compare with asks; the versus pass withdraws it when it finds two sides.
    static let danglingComparisonQuestion = "compared with what"

    /// Verbs that carry the story of a question, not a condition ("won", "play", "finish").
    static let contextVerbs: Set<String> = Set(Lexicon.shared.contextVerbs.words)

    /// "sorted by X", "ascending", "largest first" on top of whatever the plan ranks.
    mutating func applyOrder(_ plan: inout QueryPlan) {
        guard s.orderDirection != nil || s.sortMention != nil else { return }
        let desc = (s.orderDirection ?? (s.sortMention.map { s.column($0).role.isNumeric } ?? false ? .down : .up)) == .down
        if let m = s.sortMention {
            let c = s.column(m)
            let expr = numericExpr(c)
            if let idx = plan.measures.firstIndex(where: { $0.expr == expr }) {
                plan.order = [PlanOrder(.measure(idx), descending: desc)]
            } else if plan.measures.isEmpty {
                if !plan.columns.contains(expr) && !plan.columns.contains(.column(c.name)) { plan.columns.append(expr) }
                plan.order = [PlanOrder(.expr(expr), descending: desc)]
            } else {
                plan.order = [PlanOrder(.expr(.column(c.name)), descending: desc)]
            }
            return
        }
        if !plan.order.isEmpty {
            plan.order[0].descending = desc
        } else if !plan.measures.isEmpty {
            plan.order = [PlanOrder(.measure(0), descending: desc)]
        } else if let first = plan.dimensions.first ?? plan.columns.first {
            plan.order = [PlanOrder(.expr(first), descending: desc)]
        }
    }
}
