import Foundation
import TableTalkCore
import TableTalkTestSupport
import Testing
@testable import TableTalkAWS

/// History tables on moto, one per test: moto runs a transaction on a copy of the whole table and puts the
/// copy back when the transaction is cancelled, which would undo other tests' writes on a shared table.
///
/// moto_server is not thread-safe around transactions (it deep-copies the region's tables while other requests change
/// them: "dictionary changed size during iteration", HTTP 500). These tests get a region of their own, and a client
/// that retries 500s a few more times, as the AWS SDKs do for real DynamoDB's occasional 500s. The suite runs alone
/// (serialized, with the timing-sensitive suites of scripts/test.sh): a transaction moto fails this way restores its
/// copy of the table and so undoes writes made beside it, which real DynamoDB never does.
enum DynamoDBTestTable {
    static let region = "eu-north-1"

    static func client() async throws -> AWSClient {
        let endpoint = try await MotoServer.endpoint()
        let settings = AWSSettings(region: region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        }
        return AWSClient(settings: settings, timeout: .seconds(10), retry: RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(50)))
    }

    static func fresh() async throws -> String {
        let name = "tt-history-\(UUID().uuidString.lowercased().prefix(12))"
        try await DynamoDBHistoryTable.create(name: name, client: try await client())
        return name
    }

    /// A store on `table`; `pageSize` is the `Limit` of each Query, small so reads cross DynamoDB pages.
    static func store(
        _ table: String, maxQueryLog: Int = 10_000, maxStoredRows: Int = 200, pageSize: Int? = 2
    ) async throws -> DynamoDBHistoryStore {
        DynamoDBHistoryStore(
            client: try await client(), tableName: table, maxQueryLog: maxQueryLog,
            maxStoredRows: maxStoredRows, queryPageSize: pageSize)
    }

    /// A store on a table of its own.
    static func store(pageSize: Int? = 2) async throws -> DynamoDBHistoryStore {
        try await store(try await fresh(), pageSize: pageSize)
    }
}

/// The DynamoDB history store on moto over real HTTP: the same contract as the SQLite store (every Query paged
/// two items at a time), plus what only DynamoDB has (pages, counters, batch deletes, item size, the key schema).
@Suite(.serialized) struct DynamoDBHistoryStoreTests {
    static func newPrincipal() -> Principal { Principal("dynamo-\(UUID().uuidString.lowercased())") }

    @Test(arguments: HistoryStoreContract.cases)
    func contract(_ contractCase: HistoryStoreContract.Case) async throws {
        let table = try await DynamoDBTestTable.fresh()
        try await contractCase.run { options in
            try await DynamoDBTestTable.store(table, maxQueryLog: options.maxQueryLog, maxStoredRows: options.maxStoredRows)
        }
    }

    @Test func readsFollowLastEvaluatedKeyAcrossPages() async throws {
        let store = try await DynamoDBTestTable.store(pageSize: 3)
        let me = Self.newPrincipal()
        _ = try await store.createSession(id: "s", title: "t", for: me)
        for i in 1...30 {
            _ = try await store.append(
                ChatMessageRecord(id: "m\(i)", sessionId: "s", role: .user, text: "\(i)", payload: nil, createdAt: Date()), for: me)
        }
        let newest = try await store.messages(sessionId: "s", before: nil, limit: 25, for: me)
        #expect(newest.map(\.seq) == Array(6...30))
        let older = try await store.messages(sessionId: "s", before: 6, limit: 25, for: me)
        #expect(older.map(\.seq) == Array(1...5))
        for i in 0..<10 { _ = try await store.createSession(id: "x\(i)", title: "x", for: me) }
        #expect(try await store.sessions(for: me, limit: 100).count == 11)
        #expect(try await store.sessions(for: me, limit: 2).map(\.id) == ["x9", "x8"])
        for i in 1...8 {
            try await store.recordQuery(QueryRecord(sql: "SELECT \(i)", elapsedMs: 1, rowCount: 0, ok: true, createdAt: Date(), sessionId: nil), for: me)
        }
        #expect(try await store.queries(limit: 7, for: me).map(\.sql) == (2...8).reversed().map { "SELECT \($0)" })
    }

    @Test func manyConcurrentAppendsFromSeveralStoresGetDistinctSeqs() async throws {
        let table = try await DynamoDBTestTable.fresh()
        let stores = [
            try await DynamoDBTestTable.store(table), try await DynamoDBTestTable.store(table), try await DynamoDBTestTable.store(table),
        ]
        let me = Self.newPrincipal()
        _ = try await stores[0].createSession(id: "busy", title: "t", for: me)
        let base = Date().addingTimeInterval(10)
        let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<30 {
                let store = stores[i % stores.count]
                group.addTask {
                    try await store.append(
                        ChatMessageRecord(id: "", sessionId: "busy", role: .user, text: "\(i)", payload: nil, createdAt: base.addingTimeInterval(Double(i))),
                        for: me).seq
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(seqs.sorted() == Array(1...30))
        let session = try await stores[1].session(id: "busy", for: me)
        #expect(session?.messageCount == 30)
        // Whatever order the appends finished in, updatedAt is the latest message's time.
        #expect(session?.updatedAt == base.addingTimeInterval(29))
        #expect(try await stores[2].messages(sessionId: "busy", before: nil, limit: 100, for: me).map(\.seq) == Array(1...30))
    }

    @Test func deletedSessionWithMoreThan25MessagesIsFullyGone() async throws {
        let store = try await DynamoDBTestTable.store(pageSize: nil)
        let me = Self.newPrincipal()
        _ = try await store.createSession(id: "long", title: "t", for: me)
        for i in 0..<40 {
            _ = try await store.append(
                ChatMessageRecord(id: "l\(i)", sessionId: "long", role: .assistant, text: "\(i)", payload: "{}", createdAt: Date()), for: me)
            if i % 3 == 0 { try await store.recordFeedback(messageId: "l\(i)", rating: 1, comment: "ok", for: me) }
        }
        // 40 messages + 40 id pointers (14 with feedback): four BatchWriteItem chunks.
        #expect(try await Self.sortKeys(store, me).count == 1 + 40 + 40)
        #expect(try await store.deleteSession(id: "long", for: me))
        #expect(try await Self.sortKeys(store, me).isEmpty)
    }

    @Test func conditionFailuresBecomeDomainAnswers() async throws {
        let store = try await DynamoDBTestTable.store()
        let me = Self.newPrincipal()
        #expect(try await !store.renameSession(id: "none", title: "x", for: me))
        #expect(try await store.session(id: "none", for: me) == nil)
        await #expect { try await store.append(ChatMessageRecord(id: "", sessionId: "none", role: .user, text: "x", payload: nil, createdAt: Date()), for: me) }
            throws: { ($0 as? TableTalkError)?.kind == .sessionNotFound }
        _ = try await store.createSession(id: "s", title: "t", for: me)
        _ = try await store.append(ChatMessageRecord(id: "same", sessionId: "s", role: .user, text: "x", payload: nil, createdAt: Date()), for: me)
        await #expect { try await store.append(ChatMessageRecord(id: "same", sessionId: "s", role: .user, text: "y", payload: nil, createdAt: Date()), for: me) }
            throws: { ($0 as? TableTalkError)?.kind == .invalidArgument && "\($0)".contains("same") }
        // The failed append used seq 2; the next one gets 3: a gap, never a duplicate.
        let next = try await store.append(ChatMessageRecord(id: "", sessionId: "s", role: .user, text: "z", payload: nil, createdAt: Date()), for: me)
        #expect(next.seq == 3)
        #expect(try await store.session(id: "s", for: me)?.messageCount == 2)
        let missing = DynamoDBHistoryStore(client: try await DynamoDBTestTable.client(), tableName: "tt-no-such-table-\(UUID().uuidString.prefix(8))")
        await #expect { _ = try await missing.sessions(for: me, limit: 10) } throws: { error in
            guard let e = error as? TableTalkError else { return false }
            return e.kind == .internalFailure && e.message.contains("does not exist") && e.details["awsCode"] == "ResourceNotFoundException"
        }
    }

    @Test func itemsFollowTheDocumentedKeySchema() async throws {
        let store = try await DynamoDBTestTable.store()
        let me = Self.newPrincipal()
        _ = try await store.createSession(id: "s#1", title: "t", for: me)
        _ = try await store.append(ChatMessageRecord(id: "m%1", sessionId: "s#1", role: .user, text: "x", payload: nil, createdAt: Date()), for: me)
        try await store.recordFeedback(messageId: "m%1", rating: -1, comment: "wrong", for: me)
        try await store.recordFeedback(messageId: "m%1", rating: 1, comment: nil, for: me)
        try await store.recordQuery(QueryRecord(sql: "SELECT 1", elapsedMs: 0.00005, rowCount: 1, ok: true, createdAt: Date(), sessionId: "s#1"), for: me)
        _ = try await store.setPreferences(["theme": "dark"], for: me)
        #expect(try await Self.sortKeys(store, me) == [
            "M#s%231#00000000000000000001", "META", "MID#m%251", "PREF", "Q#00000000000000000001", "S#s%231",
        ])
        let session = try #require(try await store.table.get(DynamoDBHistoryKeys.key(me, "S#s%231")))
        #expect(session["PK"] == .s("P#\(me.id)") && session["lastSeq"] == .n("1") && session["messageCount"] == .n("1"))
        let pointer = try #require(try await store.table.get(DynamoDBHistoryKeys.key(me, "MID#m%251")))
        #expect(pointer["sessionId"] == .s("s#1") && pointer["seq"] == .n("1"))
        #expect(pointer["rating"] == .n("1") && pointer["comment"] == nil && pointer["feedbackAt"] != nil)
        let pref = try #require(try await store.table.get(DynamoDBHistoryKeys.key(me, "PREF")))
        #expect(pref["p:theme"] == .s("dark"))
        #expect(try await store.queries(limit: 1, for: me).first?.elapsedMs == 0.00005)
    }

    @Test func answersTooLargeForAnItemAreCutFurtherAndOtherPayloadsRefused() async throws {
        let store = try await DynamoDBTestTable.store()
        let me = Self.newPrincipal()
        _ = try await store.createSession(id: "s", title: "t", for: me)
        let wide = String(repeating: "w", count: 5_000)
        let rows = (0..<150).map { #"[\#($0),"\#(wide)"]"# }.joined(separator: ",")
        let payload = #"{"sql":"SELECT * FROM t","result":{"rows":[\#(rows)],"rowCount":150,"truncated":false}}"#
        #expect(payload.utf8.count > 700_000)
        _ = try await store.append(ChatMessageRecord(id: "a", sessionId: "s", role: .assistant, text: "wide", payload: payload, createdAt: Date()), for: me)
        let stored = try #require(try await store.messages(sessionId: "s", before: nil, limit: 1, for: me).first?.payload)
        #expect(stored.utf8.count <= DynamoDBHistoryStore.maxItemBytes)
        let result = try #require((try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])?["result"] as? [String: Any])
        let kept = try #require(result["rows"] as? [[Any]])
        #expect(kept.count > 0 && kept.count < 150 && result["truncated"] as? Bool == true && result["rowCount"] as? Int == kept.count)
        let blob = String(repeating: "b", count: 500_000)
        await #expect { try await store.append(ChatMessageRecord(id: "b", sessionId: "s", role: .assistant, text: "blob", payload: blob, createdAt: Date()), for: me) }
            throws: { ($0 as? TableTalkError)?.kind == .invalidArgument }
        #expect(try await store.session(id: "s", for: me)?.messageCount == 1)
    }

    /// Every sort key in the principal's partition, sorted.
    static func sortKeys(_ store: DynamoDBHistoryStore, _ principal: Principal) async throws -> [String] {
        try await store.table.query("PK = :pk", values: [":pk": DynamoDBHistoryKeys.pk(principal)], forward: true, projection: "SK")
            .compactMap { $0["SK"]?.string }.sorted()
    }
}
