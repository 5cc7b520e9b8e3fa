import Foundation
import Testing
import TableTalkApp

/// The translator settings (issue 12): `translator` rules | llm | hybrid with its default, the `llm` block from the
/// file and the environment, and clear errors for what cannot work.
@Suite struct LLMConfigurationTests {
    func load(_ json: String?, environment: [String: String] = [:]) throws -> AppConfiguration {
        let d = PackagePaths.tempDir("tt-llm-config")
        if let json { try json.write(to: d.appendingPathComponent("config.json"), atomically: true, encoding: .utf8) }
        return try ConfigurationLoader(environment: environment).load(dataDirFlag: d.path, configFile: nil)
    }

    func message(_ json: String?, environment: [String: String] = [:]) -> String? {
        do { _ = try load(json, environment: environment) } catch { return "\(error)" }
        return nil
    }

    @Test func rulesWithoutAModelHybridWithOne() throws {
        #expect(try load(nil).translatorMode == "rules")
        let c = try load(#"{"llm": {"provider": "openai", "baseURL": "http://127.0.0.1:11434", "model": "llama3.1", "apiKeyEnv": "K", "timeoutSeconds": 12, "maxRepairTurns": 1, "shareSampleValues": true}}"#)
        #expect(c.translatorMode == "hybrid")
        #expect(c.llm?.model == "llama3.1")
        #expect(c.llm?.apiKeyEnv == "K")
        #expect(c.llm?.timeoutSeconds == 12)
        #expect(c.llm?.maxRepairTurns == 1)
        #expect(c.llm?.shareSampleValues == true)
        #expect(TranslatorFactory.features(c) == ["translator": "hybrid", "llm": "openai llama3.1"])
        #expect(TranslatorFactory.features(try load(nil)) == ["translator": "rules"])
    }

    @Test func theEnvironmentSetsTheTranslatorAndModel() throws {
        let c = try load(nil, environment: [
            "TABLETALK_TRANSLATOR": "llm", "TABLETALK_LLM_PROVIDER": "openai", "TABLETALK_LLM_MODEL": "qwen",
            "TABLETALK_LLM_BASE_URL": "http://h:1",
        ])
        #expect(c.translatorMode == "llm")
        #expect(c.llm?.modelId == "qwen")
        #expect(c.llm?.baseURL == "http://h:1")
        let bedrock = try load(#"{"llm": {"provider": "bedrock"}}"#)
        #expect(bedrock.llm?.modelId == "amazon.nova-lite-v1:0")
    }

    @Test func settingsThatCannotWorkAreClearErrors() {
        #expect(message(#"{"translator": "magic"}"#)?.contains("translator magic is not one of rules, llm, hybrid") == true)
        #expect(message(#"{"translator": "hybrid"}"#)?.contains("translator hybrid needs an llm block") == true)
        #expect(message(#"{"llm": {"provider": "gemini"}}"#)?.contains("llm.provider gemini is not one of openai, bedrock") == true)
        #expect(message(#"{"llm": {"provider": "openai"}}"#)?.contains("llm.baseURL is required") == true)
        #expect(message(#"{"llm": {"provider": "bedrock", "maxRepairTurns": 50}}"#)?.contains("between 0 and 5") == true)
        #expect(message(#"{"llm": {"provider": "bedrock", "timeoutSeconds": 0}}"#)?.contains("more than 0") == true)
        #expect(message(#"{"translator": "rules", "llm": {"provider": "bedrock"}}"#) == nil, "rules with a model configured is fine")
    }
}
