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
}
