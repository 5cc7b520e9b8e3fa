import TableTalkBroker
import TableTalkChat
import TableTalkCore
import TableTalkHistory
import TableTalkRules
import TableTalkSQLite

/// Builds the `chat` and `history` capabilities over the embedded defaults: the shared ``SQLEngine``, one
/// `history.sqlite` per principal (``SQLiteHistoryStore``) and the configured translator (default the offline
/// ``RulesTranslator``; see ``TranslatorFactory``), with the value index
/// of the principal's text columns passed to the translator with each question.
enum ChatModules {
    static func make(
        configuration: AppConfiguration, engine: any SQLEngine, translator: any QuestionTranslator = RulesTranslator()
    ) -> [any Capability] {
        let history = SQLiteHistoryStore(dataDirectory: configuration.dataDir)
        let limits = ChatLimits(
            defaultMaxRows: configuration.maxRows, hardMaxRows: max(10_000, configuration.maxRows),
            queryTimeout: .milliseconds(Int64(configuration.queryTimeoutSeconds * 1000)))
        let chat = ChatCapability(
            translator: translator, engine: engine, history: history, limits: limits,
            valueLookup: { principal, tables in
                try await ValueIndexBuilder(engine: engine, principal: principal).build(for: tables)
            })
        return [chat, HistoryCapability(store: history, limits: HistoryLimits(maxRowLimit: limits.hardMaxRows))]
    }
}
