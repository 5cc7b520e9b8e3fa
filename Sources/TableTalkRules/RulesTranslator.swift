public import TableTalkCore

/// The offline English-to-SQL translator: links question words to the catalog, builds a ``QueryPlan``, renders
/// it through a ``SQLDialect`` and restates it; asks for clarification instead of guessing.
///
/// ```swift
/// let translator = RulesTranslator()
/// let t = try await translator.translate("average salary by department", context: TranslationContext(tables: tables))
/// t.sql            // SELECT "department", avg("salary") AS "avg_salary" FROM "staff" GROUP BY "department"
/// t.interpretation // Average salary by department
/// ```
///
/// ## Topics
/// - ``Configuration``
/// - ``translateNow(_:context:)``
public struct RulesTranslator: QuestionTranslator {
    /// Limits and thresholds of the translator.
    public struct Configuration: Sendable, Hashable {
        /// Longer questions (in UTF-8 bytes) get a clarification without being parsed.
        public var maxQuestionLength: Int
        /// Below this confidence (0…1) the answer is a clarification.
        public var minimumConfidence: Double

        /// Defaults: questions up to 2,000 bytes; answers only at confidence 0.5 or more.
        public init(maxQuestionLength: Int = 2000, minimumConfidence: Double = 0.5) {
            self.maxQuestionLength = maxQuestionLength
            self.minimumConfidence = minimumConfidence
        }
    }

    /// Renders plans in the engine's SQL dialect.
    public let renderer: SQLRenderer
    /// Limits and thresholds.
    public let configuration: Configuration
    /// Whether clarifications carry suggestions (off while the suggestions themselves are checked).
    var suggests = true

    /// - Parameters:
    ///   - dialect: the SQL the engine speaks (SQLite by default; ``TrinoDialect`` for Athena).
    ///   - configuration: limits and thresholds.
    public init(dialect: any SQLDialect = SQLiteDialect(), configuration: Configuration = Configuration()) {
        renderer = SQLRenderer(dialect: dialect)
        self.configuration = configuration
    }

    /// Translates a question over the context's tables (editing ``TranslationContext/previousPlan`` for
    /// follow-ups); never throws — problems come back as clarifications.
    public func translate(_ question: String, context: TranslationContext) async throws -> Translation {
        translateNow(question, context: context)
    }

    /// The same as ``translate(_:context:)``, synchronously (it does no I/O).
    public func translateNow(_ question: String, context: TranslationContext) -> Translation {
        if question.utf8.count > configuration.maxQuestionLength {
            return clarify("That question is too long (over \(configuration.maxQuestionLength) characters); please ask it in a sentence or two.", tables: context.tables)
        }
        let tokens = Tokenizer.tokenize(question)
        if let issue = InputGuard.check(question, tokens: tokens, maxLength: configuration.maxQuestionLength) {
            return clarify(message(for: issue), tables: context.tables)
        }
        guard !context.tables.isEmpty else {
            return clarify("There are no tables yet; load a CSV file first.", tables: [])
        }
        let profiles = context.tables.map { TableProfile($0, aliases: context.columnAliases[$0.name] ?? [:]) }
        let calledBy = Dictionary(profiles.map { ($0.name, $0.aliases.used(in: tokens)) }) { a, _ in a }
        let restater = Restater(tables: context.tables, calledBy: calledBy)
        let properNouns = TextNormalizer.properNouns(in: question)
        // every question is first read on its own; a complete reading starts a new plan
        var drafts: [Reading] = []
        for table in profiles {
            var linked = linker(for: table, context).link(table.aliases.rewrite(tokens))
            let named = linked.claimTableName()
            var builder = PlanBuilder(linked)
            builder.s.properNouns = properNouns
            drafts.append(Reading(table: table, linked: linked, draft: builder.build(), named: named))
        }
        // a table named in full picks itself
        let named = drafts.filter(\.named)
        if named.count == 1 { drafts = named }
        let scored = drafts.map { d -> (Int, Double) in
            let ok = d.draft.plan != nil && d.draft.problems.isEmpty
            return (ok ? 1 : 0, adjustedConfidence(d.draft) * (1 + d.linked.fit))
        }
        let bestIndex = scored.indices.max { (scored[$0].0, scored[$0].1) < (scored[$1].0, scored[$1].1) }!
        let best = drafts[bestIndex]
        let explain = { (plan: QueryPlan?) in Understanding.spans(question: question, reading: best, plan: plan) }
        if !isComplete(best.draft), let previous = context.previousPlan, let table = profiles.first(where: { $0.name == previous.table }) {
            // only a fragment that means nothing on its own edits the previous plan
            var linked = linker(for: table, context).link(table.aliases.rewrite(tokens))
            _ = linked.claimTableName()
            var builder = PlanBuilder(linked)
            let fragments = builder.fragments()
            if FollowUpEditor.isFollowUp(tokens, fragments) {
                if !fragments.unexplained.isEmpty {
                    let words = Wording.quotedList(fragments.unexplained.prefix(3))
                    let text = Wording.sentences([
                        "I'm not sure how \(words) changes the previous answer (\(restater.restate(previous)))",
                        "Please ask the whole question",
                    ])
                    return clarify(text, tables: context.tables, focus: table, understood: explain(nil))
                }
                let plan = FollowUpEditor.apply(fragments, to: previous)
                return finish(plan, confidence: 1, alternatives: [], restater: restater, multipleTables: profiles.count > 1, understood: explain(plan))
            }
        }
        var alternatives = best.draft.alternatives
        if drafts.count > 1 {
            let others = drafts.indices.filter { $0 != bestIndex && scored[$0].0 == 1 && scored[$0].1 >= 0.8 * scored[bestIndex].1 }
            if !others.isEmpty {
                let names = others.map { drafts[$0].table.name }
                if scored[others[0]].1 >= 0.95 * scored[bestIndex].1 {
                    let choices = [best.table.name] + names
                    let asked = Wording.withoutClosingPunctuation(question)
                    var t = Translation(
                        plan: nil, sql: nil, interpretation: "Which table do you mean: \(Wording.orList(choices))?", needsClarification: true,
                        suggestions: choices.map { "\(asked) in \($0)" })
                    t.understood = explain(nil)
                    return t
                }
                alternatives.append("Answered from \(best.table.name); \(names.joined(separator: ", ")) could also fit.")
            }
        }
        let confidence = adjustedConfidence(best.draft)
        guard let plan = best.draft.plan, best.draft.problems.isEmpty, confidence >= configuration.minimumConfidence else {
            var parts = ["I'm not sure how to answer that from \(best.table.name)"]
            if let p = best.draft.problems.first {
                parts[0] += ": \(p)"
            } else if !best.draft.unexplained.isEmpty {
                parts[0] += ": I don't know what \(Wording.quotedList(best.draft.unexplained.prefix(3))) refers to"
            }
            if let plan = best.draft.plan { parts.append("I understood: \(restater.restate(plan))") }
            return clarify(Wording.sentences(parts), tables: context.tables, focus: best.table, plan: best.draft.plan, understood: explain(best.draft.plan))
        }
        // counts say the question's own word for the rows ("Number of orders by region")
        var wording = restater
        if let noun = best.draft.state?.rowNoun, noun.count > 3, noun.hasSuffix("s") { wording.rowsCalled = noun }
        return finish(plan, confidence: confidence, alternatives: alternatives, restater: wording, multipleTables: profiles.count > 1, understood: explain(plan))
    }

    /// One table's reading of the question.
    struct Reading {
        let table: TableProfile
        let linked: LinkedQuestion
        let draft: PlanDraft
        /// The question names the table in full.
        let named: Bool
    }

    /// A reading that stands as a question of its own: it asks for a count, an aggregate, a ranking or a column,
    /// has a plan, and explains its words.
    func isComplete(_ d: PlanDraft) -> Bool {
        guard let s = d.state, d.plan != nil, d.problems.isEmpty, d.unexplained.isEmpty else { return false }
        let asks = s.q.columnMentions.indices.contains { s.roles[$0] == .answer || s.roles[$0] == .measure }
        return s.countAt != nil || s.superlative != nil || !s.measureCues.isEmpty || asks
    }

    /// Questions to start with on `table` (starter chips): each is answered by this translator on that table
    /// alone, with no filter, so none declines or comes back empty.
    public func suggestions(for table: TableInfo, limit: Int = 4) -> [String] {
        Suggestions.verified(for: TableProfile(table), translator: self, limit: limit)
    }

    /// ``suggestions(for:limit:)`` through the ``QuestionTranslator`` port.
    public func suggestions(for table: TableInfo, context: TranslationContext) async -> [String] {
        suggestions(for: table)
    }

    /// A diagnostic account of how the question was read against each table: mentions, confidence, problems
    /// and unexplained words. For developers tuning the lexicon; the format may change.
    public func trace(_ question: String, context: TranslationContext) -> String {
        let tokens = Tokenizer.tokenize(question)
        var out = "tokens: " + tokens.map { $0.kind == .number ? "#\($0.word)" : $0.word }.joined(separator: " ") + "\n"
        for table in context.tables.map({ TableProfile($0, aliases: context.columnAliases[$0.name] ?? [:]) }) {
            let linked = linker(for: table, context).link(table.aliases.rewrite(tokens))
            out += "table \(table.name) fit \(linked.fit)\n"
            for c in table.columns where !c.abbreviations.isEmpty || !c.nameParts.isEmpty {
                out += "  name \(c.name): concepts \(c.concepts) parts \(c.nameParts) abbreviations \(c.abbreviations)\n"
            }
            out += "  tokens after repair: " + linked.tokens.map(\.word).joined(separator: " ") + "\n"
            for m in linked.columnMentions {
                out += "  column [\(m.positions.map { tokens[$0].word }.joined(separator: " "))] → " + m.candidates.map { "\($0.column.name)(\($0.column.role)) \(Int($0.score * 100))%" }.joined(separator: ", ") + "\n"
            }
            for v in linked.valueMentions {
                out += "  value [\(tokens[v.start..<v.end].map(\.word).joined(separator: " "))] → " + v.hits.prefix(4).map { "\($0.column)=\($0.stored)" }.joined(separator: ", ") + (v.partial ? " (partial)" : "") + " \(Int(v.score * 100))%\n"
            }
            var builder = PlanBuilder(linked)
            builder.s.properNouns = TextNormalizer.properNouns(in: question)
            let d = builder.build()
            out += "  confidence \(d.confidence) adjusted \(adjustedConfidence(d)) problems \(d.problems) unexplained \(d.unexplained)\n"
            if let st = d.state { out += "  used: " + st.tokens.indices.map { st.used[$0] ? st.tokens[$0].word + "*" : st.tokens[$0].word }.joined(separator: " ") + "\n" }
            if let p = d.plan { out += "  sql " + ((try? renderer.render(p)) ?? "?") + "\n" }
        }
        return out
    }

    // MARK: helpers

    /// Confidence lowered for every word nobody explained (numbers count double: an ignored number changes the answer).
    func adjustedConfidence(_ d: PlanDraft) -> Double {
        d.confidence * d.unexplainedFactor
    }

    private func linker(for table: TableProfile, _ context: TranslationContext) -> SchemaLinker {
        var values: TableValues
        if let index = context.valueLookup as? ValueIndex, let indexed = index.tables[table.name] {
            // the index was built from the columns' distinct values; add catalog samples only for columns it lacks
            let covered = Set(indexed.entries.map(\.column))
            let missing = sampleValues(table.info).filter { !covered.contains($0.key) }
            values = missing.isEmpty ? indexed : indexed.merged(with: TableValues(columns: missing))
        } else {
            values = TableValues(columns: sampleValues(table.info))
        }
        return SchemaLinker(table: table, values: values, lookup: context.valueLookup is ValueIndex ? nil : context.valueLookup)
    }

    /// Catalog samples of text columns: all distinct values when known, else the examples.
    private func sampleValues(_ t: TableInfo) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for c in t.columns where c.type == .text {
            out[c.name] = c.distinctValues ?? c.examples
        }
        return out
    }

    private func finish(_ plan: QueryPlan, confidence: Double, alternatives: [String], restater: Restater, multipleTables: Bool, understood: [UnderstoodSpan] = []) -> Translation {
        do {
            let sql = try renderer.render(plan)
            var interpretation = restater.restate(plan)
            if multipleTables { interpretation += " (from \(plan.table))" }
            let chart = ChartAdvisor().suggest(for: plan, columnNames: renderer.outputNames(for: plan))
            var t = Translation(plan: plan, sql: sql, interpretation: interpretation, alternatives: alternatives, chart: chart)
            t.understood = understood
            return t
        } catch {
            return Translation(plan: plan, sql: nil, interpretation: "This question cannot be answered with this database: \(error)", needsClarification: true)
        }
    }

    private func clarify(_ text: String, tables: [TableInfo], focus: TableProfile? = nil, plan: QueryPlan? = nil, understood: [UnderstoodSpan] = []) -> Translation {
        let table = focus ?? tables.first.map(TableProfile.init)
        let suggestions = suggests ? table.map { Suggestions.verified(for: $0, translator: self) } ?? [] : []
        var t = Translation(plan: plan, sql: nil, interpretation: text, needsClarification: true, suggestions: suggestions)
        t.understood = understood
        return t
    }

    private func message(for issue: InputGuard.Issue) -> String {
        switch issue {
        case .empty: return "The question is empty. Ask something about your tables, for example one of the suggestions."
        case .tooLong(let limit): return "That question is too long (over \(limit) characters); please ask it in a sentence or two."
        case .writeRequest(let verb): return "TableTalk only reads your data; it cannot \(verb) anything. Ask a question about the data instead."
        case .notEnglish: return "I can only understand questions in English."
        case .noWords: return "I couldn't find any words in that question."
        }
    }
}
