import Foundation
import Testing
import TableTalkApp
import TableTalkCore
import TableTalkProtocol
import TableTalkSQLite
import TableTalkTestSupport

/// Chat and history as the real runtime wires them: SQLite engine and history store, offline rules translator.
@Suite struct ChatRuntimeTests {
    /// A data directory holding the `staff` table of the local principal.
    static func dataDir() async throws -> URL {
        let dir = PackagePaths.tempDir("tt-chat-rt")
        let csv = dir.appendingPathComponent("staff.csv")
        try ChatAdapters.staffCSV.write(to: csv, atomically: true, encoding: .utf8)
        _ = try await SQLiteIngestor(dataDirectory: dir).ingest(file: csv, table: "staff", sourceName: "staff.csv", for: .local) { _ in }
        return dir
    }

    @Test func askFollowUpAndReadHistoryAfterARestart() async throws {
        let dir = try await Self.dataDir()
        let sessionId: String
        let first: ChatAnswer
        let second: ChatAnswer
        do {
            let client = try await TestClient.initialized(broker: try TestRuntime.make(dataDir: dir).broker)
            sessionId = try await client.startChat("Staff")
            first = try await client.call(ChatSendRequest(sessionId: sessionId, text: "average salary by department"))
            #expect(first.error == nil && first.needsClarification == nil, "\(first.text)")
            #expect(first.result?.rowCount == 3)
            #expect(first.sql?.lowercased().contains("avg") == true)
            #expect(first.chart?.kind == "bar")
            second = try await client.call(ChatSendRequest(sessionId: sessionId, text: "only for Berlin"))
            #expect(second.error == nil && second.needsClarification == nil, "\(second.text)")
            #expect(second.sql?.contains("Berlin") == true)
            #expect(second.result?.rowCount == 2)
        }
        let client = try await TestClient.initialized(broker: try TestRuntime.make(dataDir: dir).broker)
        let page = try await client.call(HistoryMessagesRequest(sessionId: sessionId))
        #expect(page.messages.map(\.messageId) == [page.messages[0].messageId, first.messageId, page.messages[2].messageId, second.messageId])
        #expect(try page.messages[3].answer?.decode(as: ChatAnswer.self) == second)
        #expect(try await client.call(HistoryQueriesRequest()).queries.count == 2)
        // The follow-up chain continues from the stored plan after the restart.
        let third = try await client.call(ChatSendRequest(sessionId: sessionId, text: "top 1"))
        #expect(third.error == nil && third.needsClarification == nil, "\(third.text)")
        #expect(third.sql?.contains("Berlin") == true)
        #expect(third.result?.rowCount == 1)
    }

    @Test func deleteRequestsAreNeverWrites() async throws {
        let dir = try await Self.dataDir()
        let client = try await TestClient.initialized(broker: try TestRuntime.make(dataDir: dir).broker)
        let sessionId = try await client.startChat()
        for text in ["delete all staff in Berlin", "'; DROP TABLE staff; --", "set every salary to 0"] {
            let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: text))
            #expect(answer.needsClarification == true || answer.error != nil, "\(text) → \(answer.sql ?? "-")")
        }
        let refused = try await client.call(ChatSendRequest(sessionId: sessionId, sql: "DROP TABLE staff"))
        #expect(refused.error?.kind == "sqlNotAllowed")
        let count = try await client.call(ChatSendRequest(sessionId: sessionId, sql: "SELECT count(*) FROM staff"))
        #expect(count.result?.rows == [[5]])
    }

    @Test func noTablesYetIsAClarification() async throws {
        let client = try await TestClient.initialized(broker: try TestRuntime.make().broker)
        let sessionId = try await client.startChat()
        let answer = try await client.call(ChatSendRequest(sessionId: sessionId, text: "average salary by department"))
        #expect(answer.needsClarification == true)
        #expect(answer.text.contains("Upload a CSV"))
    }
}
