import Foundation
import Testing
import TableTalkCore
import TableTalkLLM

@Suite struct LLMTranslatorTests {
    static let good = "SELECT region, SUM(amount) AS total FROM sales GROUP BY region ORDER BY total DESC"

    /// Translates `question` over the sales workspace with the fake server answering `replies`; runs the SQL.
    static func ask(
        _ replies: [OpenAIFakeServer.Reply], question: String = "total amount by region", repairs: Int = 2,
        share: Bool = false, context: ((inout TranslationContext) -> Void)? = nil
    ) async throws -> (Translation, QueryResult?, [OpenAIFakeServer.Received]) {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let (server, base) = try await OpenAIFakeServer.start(replies)
        defer { server.stop() }
        var ctx = try await ws.context()
        context?(&ctx)
        let t = try await fakeTranslator(base, repairs: repairs, share: share).translate(question, context: ctx)
        var result: QueryResult?
        if let sql = t.sql { result = try await ws.run(sql) }
        return (t, result, server.received)
    }

    @Test func aFencedAnswerInTheAskedFormatRunsWithTheModelsRestatement() async throws {
        let (t, result, sent) = try await Self.ask([.sql(Self.good, meaning: "Total amount per region")])
        #expect(t.sql == Self.good)
        #expect(t.interpretation == "Total amount per region")
        #expect(t.translator == "llm")
        #expect(!t.needsClarification)
        #expect(result?.rowCount == 3)
        #expect(sent.count == 1)
        #expect(t.prompt?.contains("Question: total amount by region") == true)
    }

    @Test func sqlInProseIsExtracted() async throws {
        let reply = "Sure! To answer that you can run SELECT region, SUM(amount) FROM sales GROUP BY region. This adds up each region."
        let (t, result, _) = try await Self.ask([.completion(reply)])
        #expect(t.sql == "SELECT region, SUM(amount) FROM sales GROUP BY region")
        #expect(t.interpretation == "Answer from fake-model")
        #expect(result?.rowCount == 3)
    }

    @Test func aFenceWithoutALanguageAndATrailingSemicolonIsOneStatement() async throws {
        let (t, result, _) = try await Self.ask([.completion("```\nSELECT COUNT(*) AS n FROM sales;\n```")])
        #expect(t.sql == "SELECT COUNT(*) AS n FROM sales")
        #expect(result?.rows.first?.first == .integer(4))
    }

    @Test func twoStatementsAreRefusedWithoutRepairTurnsLeft() async throws {
        let (t, result, sent) = try await Self.ask([.sql("SELECT 1 FROM sales; SELECT 2 FROM sales")], repairs: 0)
        #expect(t.sql == nil)
        #expect(t.needsClarification)
        #expect(t.interpretation.contains("more than one SQL statement"))
        #expect(result == nil)
        #expect(sent.count == 1)
    }

    @Test func aWriteIsRefusedEvenAfterRepairTurns() async throws {
        let (t, result, sent) = try await Self.ask([.sql("DELETE FROM sales WHERE amount > 0")], repairs: 2)
        #expect(t.sql == nil)
        #expect(t.needsClarification)
        #expect(t.interpretation.contains("only a read-only SELECT is allowed"))
        #expect(result == nil)
        #expect(sent.count == 3, "one try and two repair turns, then an honest answer: no loop")
        #expect(sent[1].text.contains("That answer cannot run: only a read-only SELECT is allowed, and the statement uses DELETE"))
    }

    @Test func aHallucinatedColumnIsRepairedOnTheSecondTurn() async throws {
        let (t, result, sent) = try await Self.ask([
            .sql("SELECT region, SUM(revenue) FROM sales GROUP BY region"),
            .sql("SELECT region, SUM(amount) FROM sales GROUP BY region", meaning: "Amount by region"),
        ])
        #expect(t.sql == "SELECT region, SUM(amount) FROM sales GROUP BY region")
        #expect(t.interpretation == "Amount by region")
        #expect(result?.rowCount == 3)
        #expect(sent.count == 2)
        let repair = sent[1]
        #expect(repair.roles == ["system", "user", "assistant", "user"])
        #expect(repair.text.contains("SUM(revenue)"), "the model sees its own answer")
        #expect(repair.text.contains(#"there is no column "revenue" (columns: amount, customer, region, year)"#))
    }

    @Test func noSQLAtAllIsRefused() async throws {
        let (t, _, sent) = try await Self.ask([.completion("I think the West region is doing great!")], repairs: 1)
        #expect(t.sql == nil)
        #expect(t.needsClarification)
        #expect(t.interpretation.contains("no SQL statement"))
        #expect(sent.count == 2)
    }

    @Test func aClarifyLineIsAnHonestClarification() async throws {
        let (t, _, sent) = try await Self.ask([.completion("CLARIFY: there is no profit column; which measure do you mean?")])
        #expect(t.needsClarification)
        #expect(t.sql == nil)
        #expect(t.interpretation == "The AI model could not answer: there is no profit column; which measure do you mean?")
        #expect(sent.count == 1)
    }

    @Test func anUnreachableModelIsTranslatorUnavailable() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let error = await #expect(throws: TableTalkError.self) {
            try await fakeTranslator("http://127.0.0.1:9").translate("total by region", context: try await ws.context())
        }
        #expect(error?.kind == .translatorUnavailable)
        #expect(error?.code == 3004)
        #expect(error?.details["reason"] == "unavailable")
    }

    @Test func aMalformedReplyIsTranslatorUnavailable() async throws {
        let error = await #expect(throws: TableTalkError.self) {
            _ = try await Self.ask([.init(status: 200, body: "not json at all")])
        }
        #expect(error?.kind == .translatorUnavailable)
        #expect(error?.details["reason"] == "malformedReply")
    }

    @Test func thePromptHasTheSchemaButNoCellValues() async throws {
        let (_, _, sent) = try await Self.ask([.sql(Self.good)])
        let prompt = try #require(sent.first).text
        for schema in ["table \"sales\" (4 rows)", "column \"region\": TEXT", "column \"amount\": INTEGER", "4 distinct"] {
            #expect(prompt.contains(schema), "\(schema)")
        }
        for value in ["West", "East", "North", "Ann", "Bob", "Dee", "250", "300"] {
            #expect(!prompt.contains(value), "the prompt leaks the cell value \(value)")
        }
    }

    @Test func sharingSampleValuesAddsThemToThePrompt() async throws {
        let (_, _, sent) = try await Self.ask([.sql(Self.good)], share: true)
        let prompt = try #require(sent.first).text
        #expect(prompt.contains("\"West\""))
        #expect(prompt.contains("\"Ann\""))
    }

    @Test func theConversationSoFarIsSentAsTurns() async throws {
        let (_, _, sent) = try await Self.ask([.sql(Self.good)], question: "only 2024") { ctx in
            ctx.conversation = [
                ConversationTurn(question: "total amount by region", interpretation: "Total by region", sql: Self.good)
            ]
        }
        let first = try #require(sent.first)
        #expect(first.roles == ["system", "user", "assistant", "user"])
        #expect(first.text.contains("Question: total amount by region\nMEANING: Total by region\n```sql\n\(Self.good)\n```\nQuestion: only 2024"))
    }
}
