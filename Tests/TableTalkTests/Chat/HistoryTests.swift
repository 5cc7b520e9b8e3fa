import Foundation
import Testing
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `history.*` through a real broker session: paging, deletion, preferences, isolation, restarts.
@Suite struct HistoryTests {
    @Test func historySurvivesARestartAndFollowUpsStillWork() async throws {
        let harness = try await ChatHarness.make()
        let sessionId: String
        do {
            let client = try await harness.client()
            sessionId = try await client.startChat("Before restart")
            _ = try await client.call(ChatSendRequest(sessionId: sessionId, text: "average salary by department"))
        }
        let restarted = try await harness.restarted()
        let client = try await restarted.client()
        let sessions = try await client.call(HistorySessionsRequest()).sessions
        #expect(sessions.map(\.sessionId) == [sessionId])
        #expect(sessions.first?.title == "Before restart")
        #expect(sessions.first?.messageCount == 2)
        let page = try await client.call(HistoryMessagesRequest(sessionId: sessionId))
        #expect(page.messages.map(\.role) == ["user", "assistant"])

        let followUp = try await client.call(ChatSendRequest(sessionId: sessionId, text: "only Berlin"))
        #expect(restarted.translator.received.last?.previousPlan == ChatScriptedTranslator.byDepartment)
        #expect(followUp.sql == ChatScriptedTranslator.berlinSQL)
    }

    @Test func messagesPageBackwardsWithBefore() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let sessionId = try await client.startChat()
        for q in ["how many staff", "list names", "how many staff again"] {
            _ = try await client.call(ChatSendRequest(sessionId: sessionId, text: q))
        }
        let newest = try await client.call(HistoryMessagesRequest(sessionId: sessionId, limit: 4))
        #expect(newest.messages.count == 4 && newest.hasMore)
        #expect(newest.messages.first?.text == "list names")
        #expect(newest.messages.map(\.seq) == newest.messages.map(\.seq).sorted())
        let older = try await client.call(
            HistoryMessagesRequest(sessionId: sessionId, before: newest.messages.first?.seq, limit: 4))
        #expect(older.messages.map(\.role) == ["user", "assistant"])
        #expect(older.messages.first?.text == "how many staff")
        #expect(!older.hasMore)
        #expect(try await client.errorCode(HistoryMessagesRequest(sessionId: sessionId, limit: 0)) == -32602)
    }

    @Test func deleteSessionRemovesItsMessages() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        let keep = try await client.startChat("keep")
        let drop = try await client.startChat("drop")
        _ = try await client.call(ChatSendRequest(sessionId: drop, text: "how many staff"))
        #expect(try await client.call(HistoryDeleteSessionRequest(sessionId: drop)).deleted)
        #expect(try await client.call(HistorySessionsRequest()).sessions.map(\.sessionId) == [keep])
        #expect(try await client.errorCode(HistoryMessagesRequest(sessionId: drop)) == 3000)
        #expect(try await client.errorCode(HistoryDeleteSessionRequest(sessionId: drop)) == 3000)
        #expect(try await client.errorCode(ChatSendRequest(sessionId: drop, text: "how many staff")) == 3000)
    }

    @Test func preferencesRoundTripAndShapeAnswers() async throws {
        let harness = try await ChatHarness.make()
        let client = try await harness.client()
        #expect(try await client.call(HistoryGetPreferencesRequest()).values == [:])
        let set = try await client.call(
            HistorySetPreferencesRequest(values: ["defaultRowLimit": " 2 ", "chart": "OFF", "theme": "dark"]))
        #expect(set.values == ["defaultRowLimit": "2", "chart": "off", "theme": "dark"])
        #expect(try await client.call(HistoryGetPreferencesRequest()).values == set.values)

        let sessionId = try await client.startChat()
        let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: "average salary by department"))
        #expect(answer.result?.rowCount == 2)
        #expect(answer.result?.truncated == true)
        #expect(answer.chart == nil)

        let removed = try await client.call(HistorySetPreferencesRequest(values: ["theme": ""]))
        #expect(removed.values == ["defaultRowLimit": "2", "chart": "off"])
        #expect(try await client.errorCode(HistorySetPreferencesRequest(values: ["defaultRowLimit": "lots"])) == -32602)
        #expect(try await client.errorCode(HistorySetPreferencesRequest(values: ["defaultRowLimit": "0"])) == -32602)
        #expect(try await client.errorCode(HistorySetPreferencesRequest(values: ["chart": "maybe"])) == -32602)
        #expect(try await client.errorCode(HistorySetPreferencesRequest(values: ["": "x"])) == -32602)

        let restarted = try await harness.restarted()
        let again = try await restarted.client()
        #expect(try await again.call(HistoryGetPreferencesRequest()).values == removed.values)
    }

    @Test func principalsNeverSeeEachOthersHistory() async throws {
        let alice = Principal("alice")
        let bob = Principal("bob")
        let harness = try await ChatHarness.make(principals: [alice, bob])
        let a = try await harness.client(alice)
        let b = try await harness.client(bob)
        let sessionId = try await a.startChat("alice's")
        let answer = try await a.call(ChatSendRequest(sessionId: sessionId, text: "how many staff"))
        _ = try await a.call(HistorySetPreferencesRequest(values: ["chart": "off"]))

        #expect(try await b.call(HistorySessionsRequest()).sessions.isEmpty)
        #expect(try await b.call(HistoryQueriesRequest()).queries.isEmpty)
        #expect(try await b.call(HistoryGetPreferencesRequest()).values == [:])
        #expect(try await b.errorCode(HistoryMessagesRequest(sessionId: sessionId)) == 3000)
        #expect(try await b.errorCode(ChatSendRequest(sessionId: sessionId, text: "how many staff")) == 3000)
        #expect(try await b.errorCode(HistoryDeleteSessionRequest(sessionId: sessionId)) == 3000)
        #expect(try await b.errorCode(ChatFeedbackRequest(messageId: answer.messageId, rating: 1)) == 3003)
        #expect(try await a.call(HistoryMessagesRequest(sessionId: sessionId)).messages.count == 2)
    }
}
