import Foundation
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol

/// One `chat.send`: stores the question, reports `chat.status`, translates (or takes raw SQL), runs the SQL
/// through the engine's guard, logs the query, stores the answer and returns it.
struct ChatTurn: Sendable {
    let translator: any QuestionTranslator
    let engine: any SQLEngine
    let history: any HistoryStore
    let limits: ChatLimits
    let valueLookup: ChatCapability.ValueLookupSource?
    let aliases: (any ColumnAliasStore)?

    func answer(_ request: ChatSendRequest, context: RequestContext) async throws -> ChatAnswer {
        let principal = context.principal
        let input = try ChatInput(request, limits: limits)
        guard let session = try await history.session(id: request.sessionId, for: principal) else {
            throw TableTalkError(
                .sessionNotFound, "No chat session \"\(request.sessionId)\"; start one with chat.start.",
                details: ["sessionId": request.sessionId])
        }
        let memory = ConversationMemory(history: history, principal: principal, sessionId: request.sessionId)
        let previousPlan = try await memory.previousPlan()
        let conversation = (try? await memory.conversation()) ?? []
        let pending = aliases == nil ? nil : try await memory.pendingClarification()
        let awaitingTable = try? await memory.questionAwaitingTable()
        // The question is durable before any work starts: a crash mid-answer loses nothing already said.
        _ = try await history.append(
            ChatMessageRecord(
                id: ChatIDs.message(), sessionId: request.sessionId, role: .user, text: input.label,
                payload: input.payload, createdAt: Date()),
            for: principal)
        // A session started without a title is named after its first question.
        if session.messageCount == 0, session.title == ChatCapability.defaultTitle {
            let title = ChatCapability.title(fromQuestion: input.label, limit: min(60, limits.maxTitleLength))
            if !title.isEmpty { _ = try? await history.renameSession(id: request.sessionId, title: title, for: principal) }
        }

        let reporter = StatusReporter(context: context, sessionId: request.sessionId, messageId: ChatIDs.message())
        await reporter.thinking()
        let answer: ChatAnswer
        do {
            try context.checkCancelled()
            answer = try await compose(
                input, previousPlan: previousPlan, pending: pending, reporter: reporter, context: context,
                awaitingTable: awaitingTable ?? nil, conversation: conversation)
            try context.checkCancelled()
            _ = try await history.append(
                ChatMessageRecord(
                    id: answer.messageId, sessionId: request.sessionId, role: .assistant, text: answer.text,
                    payload: (try? JSONValue(encoding: answer))?.jsonText, createdAt: Date()),
                for: principal)
        } catch {
            await reporter.failed(context.cancellation.isCancelled ? "Cancelled" : "The answer failed")
            throw error
        }
        await reporter.finished(answer)
        return answer
    }

    /// Builds the answer; ``TableTalkError``s from the translator or engine become answers with `error`.
    private func compose(
        _ input: ChatInput, previousPlan: QueryPlan?, pending: ClarificationReply.Pending?, reporter: StatusReporter,
        context: RequestContext, awaitingTable: String? = nil, conversation: [ConversationTurn] = []
    ) async throws -> ChatAnswer {
        var answer = ChatAnswer(
            messageId: reporter.messageId, sessionId: reporter.sessionId, text: "", interpretation: "")
        let preferences = await ChatPreferences.load(history, principal: context.principal, limits: limits)
        do {
            switch input.kind {
            case .sql(let sql):
                answer.interpretation = "Your SQL"
                answer.sql = sql
                try await run(sql, into: &answer, preferences: preferences, reporter: reporter, context: context)
            case .question(var question):
                var tables = try await engine.tables(for: context.principal)
                guard !tables.isEmpty else {
                    answer.text = AnswerWording.noTables
                    answer.needsClarification = true
                    return answer
                }
                // "By which column?" answered with a column's name: learn the word, ask the question again.
                var learned: ClarificationReply.Learned?
                if let pending, let aliases {
                    learned = await ClarificationReply.learn(
                        reply: question, pending: pending, tables: tables, store: aliases, principal: context.principal)
                    if let learned { question = learned.question }
                }
                // "sales_2024" after "Which table do you mean?": the earlier question, over that table alone
                var previousPlan = previousPlan
                if learned == nil, let awaited = awaitingTable, let table = TableChoiceReply.table(in: question, among: tables) {
                    (question, tables, previousPlan) = (awaited, [table], nil)
                }
                // The value index and the column names only help linking; failing to read them must not fail the question.
                let lookup = (try? await valueLookup?(context.principal, tables)) ?? nil
                let names = (try? await aliases?.columnAliases(for: context.principal)) ?? [:]
                var request = TranslationContext(
                    tables: tables, previousPlan: learned == nil ? previousPlan : nil, valueLookup: lookup,
                    columnAliases: names)
                request.conversation = conversation
                request.prefersModel = input.prefersModel
                // A translator may wait on a model server: `$/cancelRequest` cancels that wait (and its HTTP request).
                let translation = try await Self.cancellable(context.cancellation) { [translator, question, request] in
                    try await translator.translate(question, context: request)
                }
                try context.checkCancelled()
                answer.translator = translation.translator
                answer.prompt = input.includePrompt ? translation.prompt : nil
                answer.interpretation = translation.interpretation
                answer.plan = ChatMapping.plan(translation.plan)
                answer.suggestions = translation.suggestions
                answer.alternatives = translation.alternatives
                answer.understood = ChatMapping.understood(translation.understood)
                guard !translation.needsClarification, let sql = translation.sql, !sql.isEmpty else {
                    answer.needsClarification = true
                    answer.text = AnswerWording.clarification(
                        interpretation: translation.interpretation, suggestions: translation.suggestions)
                    let unknown = translation.understood.filter { $0.kind == .unknown }.map(\.text)
                    answer.unknownWords = unknown.isEmpty ? nil : unknown
                    if let learned { answer.text = AnswerWording.learned(learned) + " " + answer.text }
                    return answer
                }
                answer.sql = sql
                answer.chart = preferences.charts ? ChatMapping.chart(translation.chart) : nil
                try await run(sql, into: &answer, preferences: preferences, reporter: reporter, context: context)
                if let learned { answer.text = AnswerWording.learned(learned) + " " + answer.text }
            }
        } catch let error as TableTalkError {
            if context.cancellation.isCancelled { throw RPCError.cancelled }
            answer.error = ChatMapping.error(error)
            answer.text = AnswerWording.failure(error)
            answer.chart = nil
        }
        return answer
    }

    /// Runs `work` in a task that is cancelled when `flag` is (the broker's cancellation is a flag, not Swift task
    /// cancellation); a cancelled wait is `requestCancelled`.
    static func cancellable<T: Sendable>(_ flag: CancellationFlag, _ work: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        let task = Task { try await work() }
        flag.onCancel { task.cancel() }
        do {
            return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch is CancellationError {
            throw RPCError.cancelled
        }
    }

    /// Runs `sql` under the engine's guard and logs it in the query history (also when it fails).
    private func run(
        _ sql: String, into answer: inout ChatAnswer, preferences: ChatPreferences, reporter: StatusReporter,
        context: RequestContext
    ) async throws {
        await reporter.querying()
        let options = QueryOptions(maxRows: preferences.maxRows, timeout: limits.queryTimeout)
        let started = ContinuousClock.now
        do {
            let result = try await engine.run(sql, for: context.principal, options: options, cancellation: context.cancellation)
            try? await history.recordQuery(
                QueryRecord(
                    sql: sql, elapsedMs: result.elapsedMs, rowCount: result.rowCount, ok: true, createdAt: Date(),
                    sessionId: answer.sessionId),
                for: context.principal)
            let mapped = ChatMapping.result(result)
            answer.result = mapped
            answer.text = AnswerWording.result(mapped, interpretation: answer.interpretation)
        } catch {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            try? await history.recordQuery(
                QueryRecord(sql: sql, elapsedMs: ms, rowCount: 0, ok: false, createdAt: Date(), sessionId: answer.sessionId),
                for: context.principal)
            throw error
        }
    }
}
