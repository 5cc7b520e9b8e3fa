import TableTalkBroker
import TableTalkChat
import TableTalkCore
import TableTalkHistory
import TableTalkRules

/// Builds the `chat` and `history` capabilities over the deployment's adapters: the shared ``SQLEngine``, its
/// ``HistoryStore`` (one `history.sqlite` per principal embedded, DynamoDB on AWS) and the configured translator (default the offline
/// ``RulesTranslator``; see ``TranslatorFactory``), with the value index
/// of the principal's text columns passed to the translator with each question.
enum ChatModules {
    static func make(
        configuration: AppConfiguration, engine: any SQLEngine, history: any HistoryStore,
        translator: any QuestionTranslator = RulesTranslator(), scansForValues: Bool = true
    ) -> [any Capability] {
        let limits = ChatLimits(
            defaultMaxRows: configuration.maxRows, hardMaxRows: max(10_000, configuration.maxRows),
            queryTimeout: .milliseconds(Int64(configuration.queryTimeoutSeconds * 1000)))
        let chat = ChatCapability(
            translator: translator, engine: engine, history: history, limits: limits,
            valueLookup: { principal, tables in
                var builder = ValueIndexBuilder(engine: engine, principal: principal)
                builder.scansTables = scansForValues
                return try await builder.build(for: tables)
            })
        return [chat, HistoryCapability(store: history, limits: HistoryLimits(maxRowLimit: limits.hardMaxRows))]
    }
}
