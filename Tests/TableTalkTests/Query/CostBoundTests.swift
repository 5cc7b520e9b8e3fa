import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import Logging
import TableTalkCore
import TableTalkHistory
import TableTalkSQLite
import TableTalkProtocol
import TableTalkTestSupport

/// One request has a bounded cost through the whole runtime: a wide table does not make a question slow (the
/// value index is read once per table version, bounded), chat answers are kept in history with a capped number of
/// rows, `history.messages` pages are bounded, and the preference limit is per user.
@Suite struct CostBoundTests {
    /// `columns` text columns whose values are all distinct (so the catalog keeps no list of them), `rows` rows.
    static func wideCSV(columns: Int, rows: Int) -> Data {
        var text = (1...columns).map { "name \($0)" }.joined(separator: ",") + "\n"
        for r in 1...rows { text += (1...columns).map { "w\($0)r\(r)" }.joined(separator: ",") + "\n" }
        return Data(text.utf8)
    }

    @Test func aTwoThousandTextColumnTableAnswersHowManyRowsQuickly() async throws {
        let client = try await UploadHarness().client()
        let uploaded = try await client.upload(Self.wideCSV(columns: 2000, rows: 60), name: "wide.csv", chunk: 1 << 20)
        #expect(uploaded.table.columns.count == 2000)
        let session = try await client.startChat()
        for _ in 0..<2 {
            let started = ContinuousClock.now
            let answer = try await client.call(ChatSendRequest(sessionId: session, text: "how many rows"))
            #expect(ContinuousClock.now - started < .seconds(10), "before: 25 s")
            #expect(answer.result?.rows.first?.first == 60, "\(answer.sql ?? "no sql") \(answer.text)")
        }
    }

    @Test func chatAnswersAreKeptInHistoryWithAtMostTwoHundredRowsAndTheirSQL() async throws {
        let client = try await UploadHarness().client()
        _ = try await client.upload(Data("a\n1\n".utf8), name: "one.csv")
        _ = try await client.call(HistorySetPreferencesRequest(values: ["defaultRowLimit": "5000"]))
        let session = try await client.startChat()
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) SELECT x FROM c"
        let answer = try await client.call(ChatSendRequest(sessionId: session, sql: sql))
        #expect(answer.result?.rows.count == 3000)
        let page = try await client.call(HistoryMessagesRequest(sessionId: session))
        let stored = try #require(page.messages.last?.answer)
        #expect(stored["result"]?["rows"]?.arrayValue?.count == 200)
        #expect(stored["result"]?["truncated"] == true)
        #expect(stored["result"]?["rows"]?.arrayValue?.last?.arrayValue?.first == 200)
        #expect(stored["sql"]?.stringValue?.contains("x < 3000") == true)
    }

    @Test func aHistoryPageIsBoundedInBytes() async throws {
        let store = SQLiteHistoryStore(dataDirectory: PackagePaths.tempDir("tt-hist"))
        let broker = Broker(
            capabilities: [HistoryCapability(store: store, limits: HistoryLimits(maxMessagesBytes: 4_000))],
            logger: Logger(label: "test"))
        let client = try await TestClient.initialized(broker: broker)
        _ = try await store.createSession(id: "s", title: "t", for: .local)
        for i in 0..<10 {
            _ = try await store.append(
                ChatMessageRecord(
                    id: "m\(i)", sessionId: "s", role: .user, text: String(repeating: "x", count: 1_000), payload: nil,
                    createdAt: Date()),
                for: .local)
        }
        let page = try await client.call(HistoryMessagesRequest(sessionId: "s"))
        #expect(page.messages.map(\.seq) == [7, 8, 9, 10])
        #expect(page.hasMore)
        let older = try await client.call(HistoryMessagesRequest(sessionId: "s", before: 7))
        #expect(older.messages.map(\.seq) == [3, 4, 5, 6])
    }

    @Test func thePreferenceLimitIsPerUserNotPerCall() async throws {
        let client = try await UploadHarness().client()
        let first = Dictionary(uniqueKeysWithValues: (0..<60).map { ("a\($0)", "v") })
        _ = try await client.call(HistorySetPreferencesRequest(values: first))
        let second = Dictionary(uniqueKeysWithValues: (0..<60).map { ("b\($0)", "v") })
        let refused = try await client.error(HistorySetPreferencesRequest(values: second))
        #expect(refused.code == .invalidParams)
        #expect(try await client.call(HistoryGetPreferencesRequest()).values.count == 60)
        // Replacing and removing keys stays possible at the limit.
        var swap = Dictionary(uniqueKeysWithValues: (0..<30).map { ("a\($0)", "") })
        for i in 0..<70 { swap["c\(i)"] = "v" }
        _ = try await client.call(HistorySetPreferencesRequest(values: swap))
        #expect(try await client.call(HistoryGetPreferencesRequest()).values.count == 100)
    }
}
