public import Logging
public import TableTalkCore

/// A ``QuestionTranslator`` backed by a ``ChatModel``: sends the schema-only prompt (``PromptBuilder``), reads one
/// statement from the reply (``ModelAnswer``), checks it against the catalog (``SQLCheck``) and, when it fails,
/// gives the model the error for at most ``maxRepairTurns`` more tries. An answer that still fails is an honest
/// clarification, never a loop. The SQL then runs through the engine's guard like any other answer.
///
/// A model that cannot be reached (timeout, rate limit after retries, refused request, malformed reply) is
/// ``TableTalkError/Kind/translatorUnavailable`` (3004).
public struct LLMTranslator: QuestionTranslator {
    public let model: any ChatModel
    public var prompts: PromptBuilder
    public var maxRepairTurns: Int
    public var maxTokens: Int
    public var logger: Logger
    /// Told about every model call (monitoring); nil for none.
    public var onCall: (@Sendable (ModelCall) -> Void)?

    public init(
        model: any ChatModel, prompts: PromptBuilder = .init(), maxRepairTurns: Int = 2, maxTokens: Int = 800,
        logger: Logger = Logger(label: "tabletalk.llm"), onCall: (@Sendable (ModelCall) -> Void)? = nil
    ) {
        self.model = model
        self.prompts = prompts
        self.maxRepairTurns = max(0, maxRepairTurns)
        self.maxTokens = maxTokens
        self.logger = logger
        self.onCall = onCall
    }

    public func translate(_ question: String, context: TranslationContext) async throws -> Translation {
        let system = prompts.system(tables: context.tables)
        var messages = prompts.messages(question: question, context: context)
        let check = SQLCheck(tables: context.tables)
        var problem: SQLProblem = .noStatement
        for _ in 0...maxRepairTurns {
            let request = ChatModelRequest(system: system, messages: messages, maxTokens: maxTokens, temperature: 0)
            let prompt = Self.render(request)
            logger.debug(
                "prompt sent to the model",
                metadata: ["provider": "\(model.provider)", "model": "\(model.model)", "prompt": "\(prompt)"])
            let reply = try await call(request)
            let answer = ModelAnswer(reply: reply.text)
            if answer.sql.isEmpty, let clarify = answer.clarification {
                var t = Translation(
                    plan: nil, sql: nil, interpretation: "The AI model could not answer: \(clarify)",
                    needsClarification: true)
                t.translator = "llm"
                t.prompt = prompt
                return t
            }
            do throws(SQLProblem) {
                guard let first = answer.sql.first else { throw .noStatement }
                guard answer.sql.count == 1 else { throw .multipleStatements }
                let sql = try check.check(first)
                var t = Translation(
                    plan: nil, sql: sql, interpretation: answer.meaning ?? "Answer from \(model.model)")
                t.translator = "llm"
                t.prompt = prompt
                return t
            } catch {
                problem = error
                logger.debug(
                    "model answer refused", metadata: ["model": "\(model.model)", "problem": "\(error.kind)"])
                messages.append(ChatMessage(role: .assistant, text: reply.text))
                messages.append(ChatMessage(role: .user, text: prompts.repair(problem: error.description)))
            }
        }
        var t = Translation(
            plan: nil, sql: nil,
            interpretation: "The AI model's query could not be used (\(problem)); try rephrasing the question.",
            needsClarification: true)
        t.translator = "llm"
        t.prompt = Self.render(ChatModelRequest(system: system, messages: messages))
        return t
    }

    /// One model call, reported to ``onCall``; provider errors become `translatorUnavailable`.
    private func call(_ request: ChatModelRequest) async throws -> ChatModelReply {
        let started = ContinuousClock.now
        func report(_ error: String?, _ reply: ChatModelReply? = nil) {
            let d = ContinuousClock.now - started
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            onCall?(
                ModelCall(
                    provider: model.provider, model: model.model, latencyMs: ms, error: error,
                    inputTokens: reply?.inputTokens ?? 0, outputTokens: reply?.outputTokens ?? 0))
        }
        do {
            let reply = try await model.complete(request)
            report(nil, reply)
            return reply
        } catch let error as ChatModelError {
            report(error.kind.rawValue)
            logger.warning(
                "model call failed",
                metadata: ["provider": "\(model.provider)", "model": "\(model.model)", "error": "\(error)"])
            var details = ["provider": model.provider, "model": model.model, "reason": error.kind.rawValue]
            if let status = error.status { details["status"] = String(status) }
            throw TableTalkError(
                .translatorUnavailable, "The AI model (\(model.provider) \(model.model)) is unavailable: \(error)",
                details: details)
        } catch {
            report(Task.isCancelled ? "cancelled" : "failed")
            throw error
        }
    }

    /// The request as text: the system prompt, then each turn with its role.
    public static func render(_ request: ChatModelRequest) -> String {
        var out = "SYSTEM:\n" + request.system
        for m in request.messages { out += "\n\n\(m.role.rawValue.uppercased()):\n\(m.text)" }
        return out
    }
}
