import Foundation
import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// Sessions, messages, feedback, query log and preferences, surviving a reopen.
@Suite struct HistoryStoreTests {
    let dir = TempDir()
    let me = Principal("me@example.com")

    @Test func survivesReopen() async throws {
        let created = Date().addingTimeInterval(3600.123_456_7)
        do {
            let store = SQLiteHistoryStore(dataDirectory: dir.url)
            _ = try await store.createSession(id: "s1", title: "Sales", for: me)
            for (i, text) in ["how many?", "42", "by region?"].enumerated() {
                let m = try await store.append(
                    ChatMessageRecord(
                        id: "m\(i)", sessionId: "s1", role: i % 2 == 0 ? .user : .assistant, text: text,
                        payload: i == 1 ? #"{"sql":"SELECT 42"}"# : nil, createdAt: created.addingTimeInterval(Double(i))),
                    for: me)
                #expect(m.seq == Int64(i + 1))
            }
            try await store.recordFeedback(messageId: "m1", rating: 1, comment: "good", for: me)
            try await store.recordQuery(
                QueryRecord(sql: "SELECT 42", elapsedMs: 1.5, rowCount: 1, ok: true, createdAt: created, sessionId: "s1"),
                for: me)
            #expect(try await store.setPreferences(["theme": "dark", "rows": "50"], for: me) == ["theme": "dark", "rows": "50"])
        }
        let reopened = SQLiteHistoryStore(dataDirectory: dir.url)
        let sessions = try await reopened.sessions(for: me, limit: 10)
        #expect(sessions.map(\.id) == ["s1"] && sessions[0].messageCount == 3)
        #expect(sessions[0].updatedAt == created.addingTimeInterval(2))
        let all = try await reopened.messages(sessionId: "s1", before: nil, limit: 10, for: me)
        #expect(all.map(\.text) == ["how many?", "42", "by region?"] && all[1].payload == #"{"sql":"SELECT 42"}"#)
        #expect(all[0].createdAt == created)
        let older = try await reopened.messages(sessionId: "s1", before: 3, limit: 1, for: me)
        #expect(older.map(\.seq) == [2])
        #expect(try await reopened.queries(limit: 5, for: me).map(\.sql) == ["SELECT 42"])
        #expect(try await reopened.setPreferences(["rows": ""], for: me) == ["theme": "dark"])
    }

    @Test func errorsAndDeletion() async throws {
        let store = SQLiteHistoryStore(dataDirectory: dir.url)
        await #expect { try await store.append(ChatMessageRecord(id: "", sessionId: "nope", role: .user, text: "x",
            payload: nil, createdAt: Date()), for: me) } throws: { ($0 as? TableTalkError)?.kind == .sessionNotFound }
        await #expect { try await store.recordFeedback(messageId: "nope", rating: 1, comment: nil, for: me) } throws: {
            ($0 as? TableTalkError)?.kind == .messageNotFound
        }
        _ = try await store.createSession(id: "s", title: "t", for: me)
        let m = try await store.append(
            ChatMessageRecord(id: "", sessionId: "s", role: .user, text: "x", payload: nil, createdAt: Date()), for: me)
        #expect(!m.id.isEmpty && m.seq == 1)
        #expect(try await store.deleteSession(id: "s", for: me))
        #expect(try await !store.deleteSession(id: "s", for: me))
        #expect(try await store.session(id: "s", for: me) == nil)
        #expect(try await store.sessions(for: Principal("other"), limit: 10).isEmpty)
    }

    @Test func answersAreStoredWithAtMostTheRowCapAndOlderOnesAreCutWhenRead() async throws {
        let store = SQLiteHistoryStore(dataDirectory: dir.url, maxStoredRows: 200)
        _ = try await store.createSession(id: "big", title: "t", for: me)
        let rows = (0..<5000).map { #"[\#($0),"name \#($0)",null,{"k":1}]"# }.joined(separator: ",")
        let payload = #"{"sql":"SELECT * FROM t","result":{"columns":[{"name":"a"}],"rows":[\#(rows)],"rowCount":5000,"truncated":false,"elapsedMs":1}}"#
        _ = try await store.append(
            ChatMessageRecord(id: "a1", sessionId: "big", role: .assistant, text: "5000 rows", payload: payload, createdAt: Date()),
            for: me)
        let read = try await store.messages(sessionId: "big", before: nil, limit: 10, for: me)
        let stored = try #require(read.first?.payload)
        #expect(stored.utf8.count < 20_000)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        let result = try #require(json["result"] as? [String: Any])
        let kept = try #require(result["rows"] as? [[Any]])
        #expect(kept.count == 200)
        #expect(kept[199][0] as? Int == 199 && kept[199][1] as? String == "name 199")
        #expect(result["truncated"] as? Bool == true && result["rowCount"] as? Int == 200)
        #expect(json["sql"] as? String == "SELECT * FROM t")
        // A message written whole before the cap existed is cut when read.
        let smaller = SQLiteHistoryStore(dataDirectory: dir.url, maxStoredRows: 3)
        let cut = try await smaller.messages(sessionId: "big", before: nil, limit: 10, for: me)
        let cutJSON = try #require(try JSONSerialization.jsonObject(with: Data((cut.first?.payload ?? "").utf8)) as? [String: Any])
        #expect(((cutJSON["result"] as? [String: Any])?["rows"] as? [Any])?.count == 3)
        // Payloads that are not answers stay as they were.
        _ = try await store.append(
            ChatMessageRecord(id: "u1", sessionId: "big", role: .user, text: "q", payload: "not json", createdAt: Date()), for: me)
        #expect(try await store.messages(sessionId: "big", before: nil, limit: 1, for: me).first?.payload == "not json")
    }
}
