import Foundation
import Testing
import TableTalkApp
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// chat.send says which translator answered (issue 12), validates its `translator` parameter, and turns a model
/// that cannot be reached into an answer with error 3004 when the offline parser declined.
@Suite struct ChatTranslatorFieldTests {
    static let declined = "which of these fellows would make the best dinner companion"

    @Test func rulesAnswersSayRulesAndAskingForTheModelWithoutOneIsIgnored() async throws {
        let dir = try await ChatRuntimeTests.dataDir()
        let client = try await TestClient.initialized(broker: try TestRuntime.make(dataDir: dir).broker)
        let session = try await client.startChat("t")
        let answer = try await client.call(ChatSendRequest(sessionId: session, text: "average salary by department"))
        #expect(answer.translator == "rules")
        #expect(answer.prompt == nil)
        var viaModel = ChatSendRequest(sessionId: session, text: "average salary by department")
        viaModel.translator = "llm"
        viaModel.includePrompt = true
        let same = try await client.call(viaModel)
        #expect(same.translator == "rules")
        #expect(same.prompt == nil, "no model, no prompt")
        let raw = try await client.call(ChatSendRequest(sessionId: session, sql: "SELECT 1"))
        #expect(raw.translator == nil)
    }

    @Test func anUnknownTranslatorParameterIsInvalid() async throws {
        let dir = try await ChatRuntimeTests.dataDir()
        let client = try await TestClient.initialized(broker: try TestRuntime.make(dataDir: dir).broker)
        let session = try await client.startChat("t")
        var request = ChatSendRequest(sessionId: session, text: "average salary")
        request.translator = "gpt"
        await #expect(throws: TestClientError.self) { _ = try await client.call(request) }
    }

    @Test func anUnreachableModelIsAnAnswerWithTranslatorUnavailable() async throws {
        let dir = try await ChatRuntimeTests.dataDir()
        let runtime = try TestRuntime.make(dataDir: dir) { c in
            var llm = LLMSettings(provider: "openai", model: "m", baseURL: "http://127.0.0.1:9")
            llm.timeoutSeconds = 2
            c.llm = llm
        }
        let client = try await TestClient.initialized(broker: runtime.broker)
        let session = try await client.startChat("t")
        let declined = try await client.call(ChatSendRequest(sessionId: session, text: Self.declined))
        #expect(declined.error?.code == 3004)
        #expect(declined.error?.kind == "translatorUnavailable")
        let answered = try await client.call(ChatSendRequest(sessionId: session, text: "average salary by department"))
        #expect(answered.translator == "rules", "the parser's answers do not need the model")
        #expect(answered.error == nil)
    }
}
