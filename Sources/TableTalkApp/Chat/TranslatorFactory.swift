public import Foundation
public import Logging
public import TableTalkCore
import TableTalkAWS
public import TableTalkLLM
public import TableTalkRules

/// Builds the question translator the configuration asks for: the offline ``RulesTranslator`` (`rules`), a
/// language model (`llm`), or the parser first and the model when it declines (`hybrid`).
public enum TranslatorFactory {
    /// - Parameters:
    ///   - dialect: the SQL the deployment's engine speaks (SQLite embedded, Trino on Athena).
    ///   - onCall: told about every model call (monitoring).
    public static func make(
        _ configuration: AppConfiguration, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dialect: any SQLDialect = SQLiteDialect(),
        onCall: (@Sendable (ModelCall) -> Void)? = nil
    ) -> any QuestionTranslator {
        let rules = RulesTranslator(dialect: dialect)
        guard configuration.translatorMode != "rules", let settings = configuration.llm else { return rules }
        let model = LLMTranslator(
            model: chatModel(settings, environment: environment),
            prompts: PromptBuilder(shareSampleValues: settings.shareSampleValues ?? false),
            maxRepairTurns: settings.maxRepairTurns ?? 2, logger: logger, onCall: onCall)
        return configuration.translatorMode == "llm" ? model : HybridTranslator(rules: rules, model: model)
    }

    /// The configured provider's ``ChatModel``.
    static func chatModel(_ s: LLMSettings, environment: [String: String]) -> any ChatModel {
        let timeout = Duration.milliseconds(Int64((s.timeoutSeconds ?? 30) * 1000))
        if s.provider == "bedrock" {
            let region = s.region ?? AWSEnvironment(variables: environment).region(profile: s.profile) ?? "us-east-1"
            return BedrockConverseModel(
                configuration: BedrockConfiguration(
                    modelId: s.modelId, region: region, endpoint: s.endpoint, profile: s.profile, timeout: timeout))
        }
        return OpenAIChatModel(
            configuration: OpenAIConfiguration(
                baseURL: s.baseURL ?? "", model: s.modelId,
                apiKey: OpenAIConfiguration.apiKey(variable: s.apiKeyEnv, environment: environment), timeout: timeout))
    }

    /// What `initialize` reports in `capabilities.features`: the translator, and the model when one is used.
    public static func features(_ configuration: AppConfiguration) -> [String: String] {
        var out = ["translator": configuration.translatorMode]
        if configuration.translatorMode != "rules", let s = configuration.llm {
            out["llm"] = "\(s.provider) \(s.modelId)"
        }
        return out
    }
}
