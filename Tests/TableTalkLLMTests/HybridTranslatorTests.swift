import Foundation
import Testing
import TableTalkCore
import TableTalkLLM
import TableTalkRules

@Suite struct HybridTranslatorTests {
    /// A question the offline parser declines (no column, value or measure in it).
    static let declined = "which of these fellows would make the best dinner companion"

    static func hybrid(_ base: String) -> HybridTranslator {
        HybridTranslator(rules: RulesTranslator(), model: fakeTranslator(base, repairs: 1))
    }

    @Test func theOfflineParserAnswersFirstAndTheModelIsNotAsked() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let (server, base) = try await OpenAIFakeServer.start([.sql("SELECT 1 FROM sales")])
        defer { server.stop() }
        let t = try await Self.hybrid(base).translate("total amount by region", context: try await ws.context())
        #expect(t.translator == "rules")
        #expect(t.sql != nil)
        #expect(t.prompt == nil)
        #expect(server.received.isEmpty)
    }

    @Test func whenTheParserDeclinesTheModelAnswers() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let ctx = try await ws.context()
        #expect(try await RulesTranslator().translate(Self.declined, context: ctx).needsClarification)
        let (server, base) = try await OpenAIFakeServer.start([
            .sql("SELECT customer FROM sales ORDER BY amount DESC LIMIT 1", meaning: "The customer with the largest amount")
        ])
        defer { server.stop() }
        let t = try await Self.hybrid(base).translate(Self.declined, context: ctx)
        #expect(t.translator == "llm")
        #expect(t.interpretation == "The customer with the largest amount")
        let result = try await ws.run(try #require(t.sql))
        #expect(result.rows.first?.first == .text("Dee"))
        #expect(server.received.count == 1)
    }

    @Test func theCallerCanAskForTheModelDirectly() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let (server, base) = try await OpenAIFakeServer.start([.sql("SELECT region FROM sales")])
        defer { server.stop() }
        var ctx = try await ws.context()
        ctx.prefersModel = true
        let t = try await Self.hybrid(base).translate("total amount by region", context: ctx)
        #expect(t.translator == "llm")
        #expect(server.received.count == 1)
    }

    @Test func whenTheModelCannotAnswerEitherTheParsersClarificationStands() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let (server, base) = try await OpenAIFakeServer.start([.completion("CLARIFY: what makes a good companion?")])
        defer { server.stop() }
        let t = try await Self.hybrid(base).translate(Self.declined, context: try await ws.context())
        #expect(t.needsClarification)
        #expect(t.translator == "rules")
        #expect(t.alternatives.contains("The AI model could not answer: what makes a good companion?"))
        #expect(t.prompt != nil)
    }

    @Test func anUnreachableModelIsTranslatorUnavailableOnlyWhenTheParserDeclined() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let ctx = try await ws.context()
        let hybrid = Self.hybrid("http://127.0.0.1:9")
        let answered = try await hybrid.translate("total amount by region", context: ctx)
        #expect(answered.translator == "rules")
        let error = await #expect(throws: TableTalkError.self) { try await hybrid.translate(Self.declined, context: ctx) }
        #expect(error?.kind == .translatorUnavailable)
    }

    @Test func theHybridPathAddsLittleOverheadBesidesTheModel() async throws {
        // The budget: everything except the model's own time ≤ 5 ms per question, measured by
        // `tabletalk-bench hybrid`. A model that answers at once stands in for the model.
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let ctx = try await ws.context()
        let translator = HybridTranslator(rules: RulesTranslator(), model: LLMTranslator(model: InstantModel()))
        #expect(try await translator.translate(Self.declined, context: ctx).translator == "llm")
        // the median of 50 questions, so a machine busy with other builds does not decide the figure
        var times: [Duration] = []
        for _ in 0..<50 {
            let started = ContinuousClock.now
            _ = try await translator.translate(Self.declined, context: ctx)
            times.append(ContinuousClock.now - started)
        }
        // the figure itself is `tabletalk-bench hybrid` (release); here only a loose sanity bound
        let median = times.sorted()[times.count / 2]
        #expect(median < .milliseconds(250))
    }
}

/// A model that answers at once with a fixed statement (for measuring everything else).
struct InstantModel: ChatModel {
    let provider = "test"
    let model = "instant"
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        ChatModelReply(text: "MEANING: Top customer\n```sql\nSELECT customer FROM sales ORDER BY amount DESC LIMIT 1\n```")
    }
}
