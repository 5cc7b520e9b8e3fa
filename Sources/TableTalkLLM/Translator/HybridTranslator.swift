public import TableTalkCore

/// Asks the offline parser first and the language model only when the parser declines (needs clarification or
/// has no SQL), or when the caller asks for the model (``TranslationContext/prefersModel``). The answer's
/// ``Translation/translator`` says which one answered. When the model also cannot answer, the parser's
/// clarification (with its suggestions) is the answer; when the model cannot be reached, that is
/// `translatorUnavailable` (3004).
public struct HybridTranslator: QuestionTranslator {
    public let rules: any QuestionTranslator
    public let model: LLMTranslator

    public init(rules: any QuestionTranslator, model: LLMTranslator) {
        self.rules = rules
        self.model = model
    }

    public func translate(_ question: String, context: TranslationContext) async throws -> Translation {
        if context.prefersModel { return try await model.translate(question, context: context) }
        let offline = try await rules.translate(question, context: context)
        if !offline.needsClarification, let sql = offline.sql, !sql.isEmpty { return offline }
        try Task.checkCancellation()
        let answer = try await model.translate(question, context: context)
        if !answer.needsClarification, answer.sql != nil { return answer }
        var declined = offline
        declined.alternatives.append(answer.interpretation)
        declined.prompt = answer.prompt
        return declined
    }

    public func suggestions(for table: TableInfo, context: TranslationContext) async -> [String] {
        await rules.suggestions(for: table, context: context)
    }
}
