public import Foundation
public import TableTalkCore

/// The behaviour every ``HistoryStore`` must have, written once and run against each store (SQLite in
/// TableTalkSQLiteTests, DynamoDB on moto in TableTalkAWSTests), so the deployments cannot drift apart.
///
/// Each ``Case`` gets an ``Open`` function that opens a store over the same storage every time it is called (a
/// second call is a reopen) and uses principals of its own, so cases can share a table or directory. A broken
/// expectation throws ``HistoryContractFailure`` naming the case, the line and what differed.
///
/// ```swift
/// @Test(arguments: HistoryStoreContract.cases) func contract(_ c: HistoryStoreContract.Case) async throws {
///     let dir = TempDir()
///     try await c.run { o in SQLiteHistoryStore(dataDirectory: dir.url, maxQueryLog: o.maxQueryLog, maxStoredRows: o.maxStoredRows) }
/// }
/// ```
public enum HistoryStoreContract {
    /// The store settings a case asks for.
    public struct Options: Sendable, Hashable {
        public var maxStoredRows = 200
        public var maxQueryLog = 10_000
        public init(maxStoredRows: Int = 200, maxQueryLog: Int = 10_000) {
            self.maxStoredRows = maxStoredRows
            self.maxQueryLog = maxQueryLog
        }
    }

    public typealias Open = @Sendable (Options) async throws -> any HistoryStore

    /// One named behaviour.
    public struct Case: Sendable, CustomStringConvertible {
        public let name: String
        let body: @Sendable (Open) async throws -> Void
        public var description: String { name }

        public func run(_ open: @escaping Open) async throws {
            do {
                try await body(open)
            } catch var failure as HistoryContractFailure {
                failure.contractCase = name
                throw failure
            }
        }
    }

    public static let cases: [Case] = [
        Case(name: "roundTripAcrossReopen", body: roundTripAcrossReopen),
        Case(name: "missingSessionOrMessageIsAnError", body: missingSessionOrMessageIsAnError),
        Case(name: "createKeepsAnExistingSessionAndRenameNeedsOne", body: createKeepsAnExistingSessionAndRenameNeedsOne),
        Case(name: "sessionsNewestFirstThenByIdWithinLimit", body: sessionsNewestFirstThenByIdWithinLimit),
        Case(name: "updatedAtOnlyMovesForward", body: updatedAtOnlyMovesForward),
        Case(name: "messagesPageBackwardsWithBefore", body: messagesPageBackwardsWithBefore),
        Case(name: "concurrentAppendsGetDistinctSeqs", body: concurrentAppendsGetDistinctSeqs),
        Case(name: "duplicateMessageIdIsRefused", body: duplicateMessageIdIsRefused),
        Case(name: "deleteRemovesMessagesAndFeedback", body: deleteRemovesMessagesAndFeedback),
        Case(name: "principalsAreIsolated", body: principalsAreIsolated),
        Case(name: "queryLogNewestFirstAndCapped", body: queryLogNewestFirstAndCapped),
        Case(name: "preferencesMergeAndRemove", body: preferencesMergeAndRemove),
        Case(name: "answersKeepAtMostTheRowCap", body: answersKeepAtMostTheRowCap),
    ]

    /// A principal no other case (or earlier run on a shared table) uses.
    static func newPrincipal() -> Principal { Principal("contract-\(UUID().uuidString.lowercased())") }

    static func message(
        _ id: String, _ session: String, _ text: String, role: ChatMessageRecord.Role = .user, payload: String? = nil,
        at: Date = Date()
    ) -> ChatMessageRecord {
        ChatMessageRecord(id: id, sessionId: session, role: role, text: text, payload: payload, createdAt: at)
    }

    // MARK: Cases

    static func roundTripAcrossReopen(_ open: Open) async throws {
        let me = newPrincipal()
        let created = Date().addingTimeInterval(3600.123_456_7)
        do {
            let store = try await open(Options())
            _ = try await store.createSession(id: "s1", title: "Sales", for: me)
            for (i, text) in ["how many?", "42", "by region?"].enumerated() {
                let m = try await store.append(
                    message(
                        "m\(i)", "s1", text, role: i % 2 == 0 ? .user : .assistant,
                        payload: i == 1 ? #"{"sql":"SELECT 42"}"# : nil, at: created.addingTimeInterval(Double(i))),
                    for: me)
                try check(m.seq == Int64(i + 1), "append \(i) got seq \(m.seq)")
            }
            try await store.recordFeedback(messageId: "m1", rating: 1, comment: "good", for: me)
            try await store.recordQuery(
                QueryRecord(sql: "SELECT 42", elapsedMs: 1.5, rowCount: 1, ok: true, createdAt: created, sessionId: "s1"),
                for: me)
            let prefs = try await store.setPreferences(["theme": "dark", "rows": "50"], for: me)
            try check(prefs == ["theme": "dark", "rows": "50"], "preferences after set: \(prefs)")
        }
        let reopened = try await open(Options())
        let sessions = try await reopened.sessions(for: me, limit: 10)
        try check(sessions.map(\.id) == ["s1"] && sessions[0].messageCount == 3, "sessions after reopen: \(sessions)")
        try check(sessions[0].title == "Sales", "title after reopen: \(sessions[0].title)")
        try check(sessions[0].updatedAt == created.addingTimeInterval(2), "updatedAt \(sessions[0].updatedAt) is not the last message's time")
        let all = try await reopened.messages(sessionId: "s1", before: nil, limit: 10, for: me)
        try check(all.map(\.text) == ["how many?", "42", "by region?"], "texts: \(all.map(\.text))")
        try check(all.map(\.role) == [.user, .assistant, .user], "roles: \(all.map(\.role))")
        try check(all[1].payload == #"{"sql":"SELECT 42"}"# && all[0].payload == nil, "payloads: \(all.map(\.payload))")
        try check(all[0].createdAt == created, "createdAt \(all[0].createdAt) is not exactly \(created)")
        try check(all.map(\.id) == ["m0", "m1", "m2"] && all.allSatisfy { $0.sessionId == "s1" }, "ids: \(all)")
        let older = try await reopened.messages(sessionId: "s1", before: 3, limit: 1, for: me)
        try check(older.map(\.seq) == [2], "before 3 limit 1: \(older.map(\.seq))")
        let queries = try await reopened.queries(limit: 5, for: me)
        try check(
            queries == [QueryRecord(sql: "SELECT 42", elapsedMs: 1.5, rowCount: 1, ok: true, createdAt: created, sessionId: "s1")],
            "queries: \(queries)")
        try check(try await reopened.preferences(for: me) == ["theme": "dark", "rows": "50"], "preferences after reopen")
        let left = try await reopened.setPreferences(["rows": ""], for: me)
        try check(left == ["theme": "dark"], "preferences after removing rows: \(left)")
    }

    static func missingSessionOrMessageIsAnError(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        try await expectError(.sessionNotFound, "append to a missing session") {
            try await store.append(message("", "nope", "x"), for: me)
        }
        try await expectError(.sessionNotFound, "messages of a missing session") {
            try await store.messages(sessionId: "nope", before: nil, limit: 10, for: me)
        }
        try await expectError(.messageNotFound, "feedback on a missing message") {
            try await store.recordFeedback(messageId: "nope", rating: 1, comment: nil, for: me)
        }
        try check(try await store.session(id: "nope", for: me) == nil, "a missing session was found")
        try check(try await !store.deleteSession(id: "nope", for: me), "deleting a missing session said true")
        _ = try await store.createSession(id: "s", title: "t", for: me)
        let m = try await store.append(message("", "s", "x"), for: me)
        try check(!m.id.isEmpty && m.seq == 1, "an empty id gets one and the first seq is 1: \(m)")
        try await store.recordFeedback(messageId: m.id, rating: -1, comment: nil, for: me)
        try await store.recordFeedback(messageId: m.id, rating: 1, comment: "changed my mind", for: me)
    }

    static func createKeepsAnExistingSessionAndRenameNeedsOne(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        let first = try await store.createSession(id: "s", title: "First", for: me)
        try check(first.title == "First" && first.messageCount == 0 && first.createdAt == first.updatedAt, "created: \(first)")
        let again = try await store.createSession(id: "s", title: "Second", for: me)
        try check(again == first, "creating an existing session changed it: \(again) vs \(first)")
        try check(try await store.renameSession(id: "s", title: "Renamed", for: me), "rename of an existing session said false")
        try check(try await store.session(id: "s", for: me)?.title == "Renamed", "rename did not stick")
        try check(try await !store.renameSession(id: "missing", title: "x", for: me), "rename of a missing session said true")
        try check(try await store.session(id: "missing", for: me) == nil, "rename created a session")
        let odd = "a#b%23/ü"
        _ = try await store.createSession(id: odd, title: "odd", for: me)
        _ = try await store.createSession(id: "a", title: "plain", for: me)
        _ = try await store.append(message("", "a", "in a"), for: me)
        let oddMessages = try await store.messages(sessionId: odd, before: nil, limit: 10, for: me)
        try check(oddMessages.isEmpty, "session \(odd) sees the messages of session a: \(oddMessages)")
        try check(try await store.session(id: odd, for: me)?.title == "odd", "session id with # and % did not round-trip")
    }

    static func sessionsNewestFirstThenByIdWithinLimit(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        for id in ["b", "a", "c"] { _ = try await store.createSession(id: id, title: id, for: me) }
        let later = Date().addingTimeInterval(100)
        _ = try await store.append(message("", "b", "x", at: later), for: me)
        _ = try await store.append(message("", "a", "x", at: later), for: me)
        let all = try await store.sessions(for: me, limit: 10)
        try check(all.map(\.id) == ["a", "b", "c"], "order by updatedAt desc then id: \(all.map(\.id))")
        try check(all[0].updatedAt == later && all[1].updatedAt == later, "updatedAt: \(all.map(\.updatedAt))")
        try check(all[0].messageCount == 1 && all[2].messageCount == 0, "counts: \(all.map(\.messageCount))")
        let two = try await store.sessions(for: me, limit: 2)
        try check(two.map(\.id) == ["a", "b"], "limit 2: \(two.map(\.id))")
        try check(try await store.sessions(for: me, limit: 0).isEmpty, "limit 0 returned sessions")
    }

    static func updatedAtOnlyMovesForward(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        let created = try await store.createSession(id: "s", title: "t", for: me)
        _ = try await store.append(message("", "s", "old", at: created.updatedAt.addingTimeInterval(-1000)), for: me)
        var now = try await store.session(id: "s", for: me)
        try check(now?.updatedAt == created.updatedAt && now?.messageCount == 1, "an older message moved updatedAt: \(String(describing: now))")
        let ahead = created.updatedAt.addingTimeInterval(50)
        _ = try await store.append(message("", "s", "ahead", at: ahead), for: me)
        _ = try await store.append(message("", "s", "between", at: created.updatedAt.addingTimeInterval(10)), for: me)
        now = try await store.session(id: "s", for: me)
        try check(now?.updatedAt == ahead && now?.messageCount == 3, "updatedAt should be the latest message's: \(String(describing: now))")
        let seqs = try await store.messages(sessionId: "s", before: nil, limit: 10, for: me).map(\.seq)
        try check(seqs == [1, 2, 3], "seqs follow append order, not time: \(seqs)")
    }

    static func messagesPageBackwardsWithBefore(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        _ = try await store.createSession(id: "s", title: "t", for: me)
        for i in 1...7 { _ = try await store.append(message("m\(i)", "s", "\(i)"), for: me) }
        func seqs(_ before: Int64?, _ limit: Int) async throws -> [Int64] {
            try await store.messages(sessionId: "s", before: before, limit: limit, for: me).map(\.seq)
        }
        let pages: [(before: Int64?, limit: Int, expected: [Int64])] = [
            (nil, 3, [5, 6, 7]), (5, 3, [2, 3, 4]), (2, 3, [1]), (1, 3, []), (nil, 0, []), (nil, 100, [1, 2, 3, 4, 5, 6, 7]),
            (100, 2, [6, 7]),
        ]
        for page in pages {
            let got = try await seqs(page.before, page.limit)
            try check(got == page.expected, "before \(page.before.map(String.init) ?? "nil") limit \(page.limit): \(got)")
        }
        let texts = try await store.messages(sessionId: "s", before: 4, limit: 2, for: me).map(\.text)
        try check(texts == ["2", "3"], "texts before 4: \(texts)")
    }

    static func concurrentAppendsGetDistinctSeqs(_ open: Open) async throws {
        let first = try await open(Options())
        let second = try await open(Options())
        let me = newPrincipal()
        _ = try await first.createSession(id: "s", title: "t", for: me)
        let count = 12
        let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<count {
                let store = i % 2 == 0 ? first : second
                group.addTask { try await store.append(message("c\(i)", "s", "\(i)"), for: me).seq }
            }
            var out: [Int64] = []
            for try await seq in group { out.append(seq) }
            return out
        }
        try check(Set(seqs).count == count, "concurrent appends shared a seq: \(seqs.sorted())")
        let stored = try await first.messages(sessionId: "s", before: nil, limit: 100, for: me)
        try check(stored.count == count && Set(stored.map(\.seq)) == Set(seqs), "stored: \(stored.map(\.seq))")
        try check(try await first.session(id: "s", for: me)?.messageCount == count, "messageCount after concurrent appends")
    }

    static func duplicateMessageIdIsRefused(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        _ = try await store.createSession(id: "s", title: "t", for: me)
        _ = try await store.append(message("dup", "s", "first"), for: me)
        try await expectError(.invalidArgument, "a second message with the same id") {
            try await store.append(message("dup", "s", "second"), for: me)
        }
        let all = try await store.messages(sessionId: "s", before: nil, limit: 10, for: me)
        try check(all.map(\.text) == ["first"], "messages after a refused duplicate: \(all.map(\.text))")
        try check(try await store.session(id: "s", for: me)?.messageCount == 1, "a refused duplicate was counted")
        let next = try await store.append(message("", "s", "next"), for: me)
        try check(next.seq > 1, "the next append got seq \(next.seq)")
    }

    static func deleteRemovesMessagesAndFeedback(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        _ = try await store.createSession(id: "s", title: "t", for: me)
        // An id that starts like the deleted one, separator included, keeps its messages.
        _ = try await store.createSession(id: "s#keep", title: "k", for: me)
        for i in 0..<3 { _ = try await store.append(message("d\(i)", "s", "\(i)"), for: me) }
        _ = try await store.append(message("k0", "s#keep", "kept"), for: me)
        try await store.recordFeedback(messageId: "d1", rating: 1, comment: nil, for: me)
        try check(try await store.deleteSession(id: "s", for: me), "delete of an existing session said false")
        try check(try await !store.deleteSession(id: "s", for: me), "a second delete said true")
        try check(try await store.session(id: "s", for: me) == nil, "the deleted session is still there")
        try check(try await store.sessions(for: me, limit: 10).map(\.id) == ["s#keep"], "sessions after delete")
        try await expectError(.messageNotFound, "feedback on a message of a deleted session") {
            try await store.recordFeedback(messageId: "d1", rating: 1, comment: nil, for: me)
        }
        _ = try await store.createSession(id: "s", title: "again", for: me)
        let fresh = try await store.messages(sessionId: "s", before: nil, limit: 10, for: me)
        try check(fresh.isEmpty, "a session created again with a deleted id shows old messages: \(fresh.map(\.text))")
        let reused = try await store.append(message("d0", "s", "new"), for: me)
        try check(reused.seq == 1, "the recreated session starts at seq 1: \(reused.seq)")
        try check(
            try await store.messages(sessionId: "s#keep", before: nil, limit: 10, for: me).map(\.text) == ["kept"],
            "another session's messages went with the delete")
    }

    static func principalsAreIsolated(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        let other = newPrincipal()
        _ = try await store.createSession(id: "s", title: "mine", for: me)
        _ = try await store.append(message("p1", "s", "secret"), for: me)
        try await store.recordQuery(QueryRecord(sql: "SELECT 1", elapsedMs: 1, rowCount: 1, ok: true, createdAt: Date(), sessionId: nil), for: me)
        _ = try await store.setPreferences(["theme": "dark"], for: me)
        try check(try await store.sessions(for: other, limit: 10).isEmpty, "another principal sees my sessions")
        try check(try await store.session(id: "s", for: other) == nil, "another principal reads my session")
        try check(try await store.queries(limit: 10, for: other).isEmpty, "another principal sees my queries")
        try check(try await store.preferences(for: other).isEmpty, "another principal sees my preferences")
        try await expectError(.sessionNotFound, "another principal reads my messages") {
            try await store.messages(sessionId: "s", before: nil, limit: 10, for: other)
        }
        try await expectError(.messageNotFound, "another principal rates my message") {
            try await store.recordFeedback(messageId: "p1", rating: 1, comment: nil, for: other)
        }
        try check(try await !store.deleteSession(id: "s", for: other), "another principal deleted my session")
        _ = try await store.createSession(id: "s", title: "theirs", for: other)
        try check(try await store.session(id: "s", for: me)?.title == "mine", "the same session id under another principal changed mine")
        try check(try await store.messages(sessionId: "s", before: nil, limit: 10, for: other).isEmpty, "their session has my messages")
    }

    static func queryLogNewestFirstAndCapped(_ open: Open) async throws {
        let store = try await open(Options(maxQueryLog: 3))
        let me = newPrincipal()
        let base = Date()
        for i in 1...5 {
            // Times go backwards: the log keeps the order of the calls, not of the times.
            try await store.recordQuery(
                QueryRecord(
                    sql: "SELECT \(i)", elapsedMs: Double(i) / 8, rowCount: i, ok: i != 2, createdAt: base.addingTimeInterval(-Double(i)),
                    sessionId: i == 4 ? "s" : nil),
                for: me)
        }
        let all = try await store.queries(limit: 10, for: me)
        try check(all.map(\.sql) == ["SELECT 5", "SELECT 4", "SELECT 3"], "newest 3 of 5 with a cap of 3: \(all.map(\.sql))")
        try check(all[1].sessionId == "s" && all[0].sessionId == nil, "sessionIds: \(all.map(\.sessionId))")
        try check(all[0].elapsedMs == 5.0 / 8 && all[0].rowCount == 5 && all[0].ok, "fields: \(all[0])")
        try check(all[2].createdAt == base.addingTimeInterval(-3), "createdAt: \(all[2].createdAt)")
        try check(try await store.queries(limit: 1, for: me).map(\.sql) == ["SELECT 5"], "limit 1")
        try check(try await store.queries(limit: 0, for: me).isEmpty, "limit 0")
    }

    static func preferencesMergeAndRemove(_ open: Open) async throws {
        let store = try await open(Options())
        let me = newPrincipal()
        try check(try await store.preferences(for: me).isEmpty, "a new principal has preferences")
        try check(try await store.setPreferences([:], for: me).isEmpty, "setting nothing on nothing")
        try check(try await store.setPreferences(["a": "1", "b": "2"], for: me) == ["a": "1", "b": "2"], "first set")
        let merged = try await store.setPreferences(["a": "", "c": "3", "b": "two"], for: me)
        try check(merged == ["b": "two", "c": "3"], "merge with a removal: \(merged)")
        try check(try await store.preferences(for: me) == ["b": "two", "c": "3"], "read back")
        try check(try await store.setPreferences(["missing": ""], for: me) == ["b": "two", "c": "3"], "removing a missing key")
        try check(try await store.setPreferences([:], for: me) == ["b": "two", "c": "3"], "setting nothing returns all")
        let odd = try await store.setPreferences(["display.rows #1": "ü 50"], for: me)
        try check(odd["display.rows #1"] == "ü 50", "a key with dots, spaces and #: \(odd)")
    }

    static func answersKeepAtMostTheRowCap(_ open: Open) async throws {
        let store = try await open(Options(maxStoredRows: 200))
        let me = newPrincipal()
        _ = try await store.createSession(id: "big", title: "t", for: me)
        let rows = (0..<5000).map { #"[\#($0),"name \#($0)",null,{"k":1}]"# }.joined(separator: ",")
        let payload = #"{"sql":"SELECT * FROM t","result":{"columns":[{"name":"a"}],"rows":[\#(rows)],"rowCount":5000,"truncated":false,"elapsedMs":1}}"#
        _ = try await store.append(message("a1", "big", "5000 rows", role: .assistant, payload: payload), for: me)
        let read = try await store.messages(sessionId: "big", before: nil, limit: 10, for: me)
        let stored = read.first?.payload ?? ""
        try check(stored.utf8.count < 20_000, "stored payload is \(stored.utf8.count) bytes")
        let json = try jsonObject(stored)
        let result = json["result"] as? [String: Any] ?? [:]
        let kept = result["rows"] as? [[Any]] ?? []
        try check(kept.count == 200, "kept \(kept.count) rows")
        try check(kept.last?[0] as? Int == 199 && kept.last?[1] as? String == "name 199", "last kept row: \(String(describing: kept.last))")
        try check(result["truncated"] as? Bool == true && result["rowCount"] as? Int == 200, "truncated/rowCount: \(result["truncated"] ?? "nil") \(result["rowCount"] ?? "nil")")
        try check(json["sql"] as? String == "SELECT * FROM t", "sql kept")
        // Read through a store with a smaller cap over the same storage: cut again when read.
        let smaller = try await open(Options(maxStoredRows: 3))
        let cut = try await smaller.messages(sessionId: "big", before: nil, limit: 10, for: me)
        let cutRows = (try jsonObject(cut.first?.payload ?? "")["result"] as? [String: Any])?["rows"] as? [Any]
        try check(cutRows?.count == 3, "read with a cap of 3 gave \(cutRows?.count ?? -1) rows")
        // Payloads that are not answers stay as they were.
        _ = try await store.append(message("u1", "big", "q", payload: "not json"), for: me)
        let last = try await store.messages(sessionId: "big", before: nil, limit: 1, for: me).first?.payload
        try check(last == "not json", "a payload that is not JSON changed: \(String(describing: last))")
    }

    // MARK: Checks

    static func jsonObject(_ text: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw HistoryContractFailure(line: #line, message: "not a JSON object: \(text.prefix(200))")
        }
        return object
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
        if !condition { throw HistoryContractFailure(line: line, message: message()) }
    }

    static func expectError<T>(
        _ kind: TableTalkError.Kind, _ what: String, line: Int = #line, _ body: () async throws -> T
    ) async throws {
        do {
            _ = try await body()
        } catch let error as TableTalkError {
            try check(error.kind == kind, "\(what): expected \(kind), got \(error)", line: line)
            return
        }
        throw HistoryContractFailure(line: line, message: "\(what): expected \(kind), but it succeeded")
    }
}

/// A broken expectation of the history contract: which case, where in HistoryStoreContract.swift, what differed.
public struct HistoryContractFailure: Error, CustomStringConvertible {
    public var contractCase = ""
    public var line: Int
    public var message: String
    public var description: String { "HistoryStoreContract.\(contractCase) (line \(line)): \(message)" }
}
