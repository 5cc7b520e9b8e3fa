import TableTalkBroker
import TableTalkCore
import TableTalkProtocol

/// `chat.suggest`: starter questions for one of the caller's tables, from the translator (which offers only
/// questions it answers on that table).
enum ChatSuggestions {
    static func answer(
        _ request: ChatSuggestRequest, context: RequestContext, translator: any QuestionTranslator, engine: any SQLEngine
    ) async throws -> ChatSuggestResult {
        let tables = try await engine.tables(for: context.principal)
        guard let table = tables.first(where: { $0.name == request.table }) else {
            throw TableTalkError(.tableNotFound, "No table \"\(request.table)\".", details: ["table": request.table])
        }
        let questions = await translator.suggestions(for: table, context: TranslationContext(tables: tables))
        return ChatSuggestResult(questions: questions)
    }
}
