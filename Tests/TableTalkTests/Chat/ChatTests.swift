import Foundation
import Testing
import TableTalkChat
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `chat.*` through a real broker session: answers, follow-ups, status notifications, guard, bad input.
@Suite struct ChatTests {
    @Test func questionThenFollowUpUsesThePreviousPlanAndIsStored() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat("Salaries")

        let first = try await client.call(ChatSendRequest(sessionId: sessionId, text: "average salary by department"))
        #expect(first.sql == ChatScriptedTranslator.byDepartmentSQL)
        #expect(first.interpretation == "Average salary by department")
        #expect(first.result?.columns.map(\.name) == ["department", "avg_salary"])
        #expect(first.result?.rows.map { $0[0] } == ["HR", "IT", "Sales"])
        #expect(first.result?.rows[1][1].doubleValue == 61000)
        #expect(first.chart == ChatChart(kind: "bar", x: "department", y: "avg_salary"))
        #expect(first.needsClarification == nil && first.error == nil)
        #expect(try first.plan?.decode(as: QueryPlan.self) == ChatScriptedTranslator.byDepartment)
        #expect(first.text.contains("3 rows"))

        let second = try await client.call(ChatSendRequest(sessionId: sessionId, text: "only Berlin"))
        #expect(harness.translator.received.last?.previousPlan == ChatScriptedTranslator.byDepartment)
        #expect(second.sql == ChatScriptedTranslator.berlinSQL)
        #expect(second.result?.rows.map { $0[0] } == ["IT", "Sales"])
        #expect(second.result?.rows.map { $0[1].doubleValue } == [61000, 50000])

        let page = try await client.call(HistoryMessagesRequest(sessionId: sessionId))
        #expect(page.messages.map(\.role) == ["user", "assistant", "user", "assistant"])
        #expect(page.messages.map(\.text).first == "average salary by department")
        #expect(page.messages[1].messageId == first.messageId)
        #expect(try page.messages[1].answer?.decode(as: ChatAnswer.self) == first)
        #expect(try page.messages[3].answer?.decode(as: ChatAnswer.self) == second)
        #expect(page.hasMore == false)
    }

    @Test func statusNotificationsArriveInOrderBeforeTheReply() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: "how many staff?"))
        #expect(await client.statusStates(messageId: answer.messageId) == ["thinking", "querying", "done"])
        let typing = await client.sink.notifications(ChatTypingNotification.method).compactMap { $0["params"]?["typing"] }
        #expect(typing == [true, false])

        let unclear = try await client.call(ChatSendRequest(sessionId: sessionId, text: "how is the weather?"))
        #expect(await client.statusStates(messageId: unclear.messageId) == ["thinking", "done"])

        let refused = try await client.call(ChatSendRequest(sessionId: sessionId, sql: "DELETE FROM staff"))
        #expect(await client.statusStates(messageId: refused.messageId) == ["thinking", "querying", "error"])
        // Every status notification precedes its reply in the stream.
        let stream = await client.sink.messages
        let replyIndex = try #require(stream.firstIndex { $0["result"]?["messageId"]?.stringValue == refused.messageId })
        let lastStatus = try #require(stream.lastIndex { $0["params"]?["messageId"]?.stringValue == refused.messageId })
        #expect(lastStatus < replyIndex)
    }

    @Test func clarificationRunsNothingAndOffersSuggestions() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: "how is the weather?"))
        #expect(answer.needsClarification == true)
        #expect(answer.sql == nil && answer.result == nil && answer.error == nil)
        #expect(answer.suggestions == ["average salary by department", "how many staff"])
        #expect(answer.text.contains("average salary by department"))
        #expect(try await client.call(HistoryQueriesRequest()).queries.isEmpty)
        // A clarification is not a plan to follow up on.
        _ = try await client.call(ChatSendRequest(sessionId: sessionId, text: "only Berlin"))
        #expect(harness.translator.received.last?.previousPlan == nil)
    }

    @Test func rawSQLGoesThroughTheGuardAndWritesAreRefused() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()

        let insert = try await client.call(
            ChatSendRequest(sessionId: sessionId, sql: "INSERT INTO staff VALUES ('Zed', 'IT', 'Rome', 1)"))
        #expect(insert.error?.kind == "sqlNotAllowed")
        #expect(insert.error?.code == 2003)
        #expect(insert.result == nil)
        #expect(insert.text.hasPrefix("I can't run that"))

        let count = try await client.call(ChatSendRequest(sessionId: sessionId, text: "count rows", sql: #"SELECT COUNT(*) AS "count" FROM "staff""#))
        #expect(count.result?.rows == [[5]])
        #expect(count.plan == nil)
        #expect(count.interpretation == "Your SQL")

        let queries = try await client.call(HistoryQueriesRequest()).queries
        #expect(queries.map(\.ok) == [true, false])
        #expect(queries.last?.sql.hasPrefix("INSERT") == true)
        #expect(queries.first?.sessionId == sessionId)

        let page = try await client.call(HistoryMessagesRequest(sessionId: sessionId))
        #expect(page.messages[0].sql?.hasPrefix("INSERT") == true)
        #expect(page.messages[2].text == "count rows")
    }

    @Test func questionInjectionIsNeverAWrite() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: "'; DROP TABLE staff; --"))
        #expect(answer.needsClarification == true)
        let count = try await client.call(ChatSendRequest(sessionId: sessionId, text: "how many staff"))
        #expect(count.result?.rows == [[5]])
    }

    @Test func badInputIsAClearErrorAndStoresNothing() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        #expect(try await client.errorCode(ChatSendRequest(sessionId: sessionId, text: "   ")) == 3001)
        #expect(try await client.errorCode(ChatSendRequest(sessionId: sessionId)) == 3001)
        let long = String(repeating: "why ", count: 2600)
        let reply = try await client.callRaw(
            method: ChatSendRequest.method, params: ["sessionId": .string(sessionId), "text": .string(long)])
        #expect(reply["error"]?["code"] == 3002)
        #expect(reply["error"]?["message"]?.stringValue?.contains("10 KB") == true)
        #expect(try await client.errorCode(ChatSendRequest(sessionId: "s_nope", text: "how many staff")) == 3000)
        let wrongType = try await client.callRaw(method: ChatSendRequest.method, params: ["sessionId": 5])
        #expect(wrongType["error"]?["code"] == -32602)
        #expect(try await client.call(HistoryMessagesRequest(sessionId: sessionId)).messages.isEmpty)
    }

    @Test func emojiAndOtherLanguagesGetAnAnswerNotAnError() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        for text in ["📈📉🤔", "Wie hoch ist das Durchschnittsgehalt?", "給料の平均は？"] {
            let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: text))
            #expect(answer.needsClarification == true)
        }
    }

    @Test func cancelledAnswerKeepsTheQuestionAndStoresNoAnswer() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        await client.send([
            "jsonrpc": "2.0", "id": 77, "method": "chat.send",
            "params": ["sessionId": .string(sessionId), "text": "a slow question"],
        ])
        _ = try await client.sink.first { $0["method"] == "chat.status" && $0["params"]?["state"] == "thinking" }
        await client.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": 77]])
        harness.translator.gate.open()
        let reply = try await client.reply(to: .number(77))
        #expect(reply["error"]?["code"] == -32800)
        let states = await client.sink.notifications(ChatStatusNotification.method).compactMap { $0["params"]?["state"]?.stringValue }
        #expect(states == ["thinking", "error"])
        let page = try await client.call(HistoryMessagesRequest(sessionId: sessionId))
        #expect(page.messages.map(\.role) == ["user"])
        #expect(page.messages.first?.text == "a slow question")
    }

    @Test func feedbackIsStoredAndValidated() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: "how many staff"))
        let stored = try await client.call(ChatFeedbackRequest(messageId: answer.messageId, rating: -1, comment: "wrong column"))
        #expect(stored.stored)
        #expect(try await harness.storedFeedback() == ["\(answer.messageId)|-1|wrong column"])
        _ = try await client.call(ChatFeedbackRequest(messageId: answer.messageId, rating: 1))
        #expect(try await harness.storedFeedback() == ["\(answer.messageId)|1|"])
        #expect(try await client.errorCode(ChatFeedbackRequest(messageId: answer.messageId, rating: 5)) == -32602)
        let tooLong = ChatFeedbackRequest(messageId: answer.messageId, rating: 1, comment: String(repeating: "x", count: 2001))
        #expect(try await client.errorCode(tooLong) == -32602)
        #expect(try await client.errorCode(ChatFeedbackRequest(messageId: "m_unknown", rating: 1)) == 3003)
    }

    @Test func chatStartTitles() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        #expect(try await client.call(ChatStartRequest()).title == "New chat")
        #expect(try await client.call(ChatStartRequest(title: "  Budget 2024 ")).title == "Budget 2024")
        #expect(try await client.call(ChatStartRequest(title: String(repeating: "t", count: 500))).title.count == 200)
    }

    @Test func anUntitledSessionIsNamedAfterItsFirstQuestion() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let untitled = try await client.startChat()
        let titled = try await client.startChat("Payroll")
        for id in [untitled, titled] {
            _ = try await client.call(ChatSendRequest(sessionId: id, text: "  average   salary by\ndepartment "))
            _ = try await client.call(ChatSendRequest(sessionId: id, text: "only Berlin"))
        }
        let titles = Dictionary(uniqueKeysWithValues: try await client.call(HistorySessionsRequest()).sessions.map { ($0.sessionId, $0.title) })
        #expect(titles[untitled] == "average salary by department")
        #expect(titles[titled] == "Payroll")
        #expect(ChatCapability.title(fromQuestion: String(repeating: "word ", count: 30)).count <= 60)
        #expect(ChatCapability.title(fromQuestion: String(repeating: "x", count: 100)) == String(repeating: "x", count: 59) + "…")
    }
}
