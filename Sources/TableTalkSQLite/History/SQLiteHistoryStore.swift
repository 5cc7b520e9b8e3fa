public import Foundation
import Synchronization
public import TableTalkCore

/// The embedded ``HistoryStore``: chat sessions, messages (numbered per session), feedback, the query log and
/// preferences in `<dataDir>/users/<dir>/history.sqlite`, one database per principal, kept open.
///
/// Writes are durable when a call returns (WAL with `synchronous=FULL`). Dates round-trip exactly.
public final class SQLiteHistoryStore: HistoryStore {
    public let layout: SQLiteLayout
    /// Older query-log rows beyond this many per principal are deleted.
    public let maxQueryLog: Int
    /// Rows of an answer's result (`payload.result.rows`) kept in a stored message; the rest are dropped and the
    /// result says `truncated: true` (its SQL, kept too, re-runs it whole). Older, larger messages are cut the
    /// same way when read.
    public let maxStoredRows: Int
    private let open = Mutex<[String: HistoryDatabase]>([:])

    public init(dataDirectory: URL, maxQueryLog: Int = 10_000, maxStoredRows: Int = 200) {
        layout = SQLiteLayout(dataDirectory: dataDirectory)
        self.maxQueryLog = maxQueryLog
        self.maxStoredRows = max(maxStoredRows, 0)
    }

    /// SQL of `payload` (a JSON text parameter) with at most `rows` (another parameter) rows in `$.result.rows`;
    /// anything that is not such JSON is kept as it is.
    static func cappedPayload(_ payload: String, rows: String) -> String {
        """
        CASE WHEN \(payload) IS NULL OR NOT json_valid(\(payload)) THEN \(payload)
        WHEN json_array_length(\(payload), '$.result.rows') > \(rows) THEN json_set(\(payload), '$.result.rows',
          (SELECT json_group_array(CASE WHEN t IN ('array', 'object') THEN json(v) ELSE v END)
           FROM (SELECT value AS v, type AS t FROM json_each(\(payload), '$.result.rows') ORDER BY key LIMIT \(rows))),
          '$.result.truncated', json('true'), '$.result.rowCount', \(rows))
        ELSE \(payload) END
        """
    }

    func database(for principal: Principal) throws -> HistoryDatabase {
        let path = layout.historyDatabase(for: principal).path
        if let db = open.withLock({ $0[path] }) { return db }
        try layout.ensureUserDirectory(for: principal)
        let db = try HistoryDatabase(path: path)
        return open.withLock { dbs in
            if let existing = dbs[path] { return existing }
            dbs[path] = db
            return db
        }
    }

    func run<T: Sendable>(_ principal: Principal, _ body: @escaping @Sendable (SQLiteConnection) throws -> T)
        async throws -> T
    {
        try await BlockingExecutor.run { try self.database(for: principal).use(body) }
    }

    public func createSession(id: String, title: String, for principal: Principal) async throws -> ChatSessionRecord {
        let now = Date()
        return try await run(principal) { c in
            let s = try c.prepare(
                "INSERT OR IGNORE INTO sessions(id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)")
            try s.run([.text(id), .text(title), .double(now.timeIntervalSinceReferenceDate)])
            return try Self.session(id, on: c)!
        }
    }

    public func sessions(for principal: Principal, limit: Int) async throws -> [ChatSessionRecord] {
        try await run(principal) { c in
            let s = try c.prepare("\(Self.sessionColumns) ORDER BY updated_at DESC, id LIMIT ?1")
            s.bind(1, Int64(max(limit, 0)))
            var out: [ChatSessionRecord] = []
            while try s.step() { out.append(Self.sessionRecord(s)) }
            return out
        }
    }

    public func session(id: String, for principal: Principal) async throws -> ChatSessionRecord? {
        try await run(principal) { c in try Self.session(id, on: c) }
    }

    public func renameSession(id: String, title: String, for principal: Principal) async throws -> Bool {
        try await run(principal) { c in
            try c.prepare("UPDATE sessions SET title = ?2 WHERE id = ?1").run([.text(id), .text(title)])
            return sqlite3Changes(c) > 0
        }
    }

    public func deleteSession(id: String, for principal: Principal) async throws -> Bool {
        try await run(principal) { c in
            try c.transaction {
                try c.prepare(
                    "DELETE FROM feedback WHERE message_id IN (SELECT id FROM messages WHERE session_id = ?1)"
                ).run([.text(id)])
                try c.prepare("DELETE FROM messages WHERE session_id = ?1").run([.text(id)])
                try c.prepare("DELETE FROM sessions WHERE id = ?1").run([.text(id)])
                return sqlite3Changes(c) > 0
            }
        }
    }

    static let sessionColumns = "SELECT id, title, created_at, updated_at, message_count FROM sessions"

    static func session(_ id: String, on c: SQLiteConnection) throws -> ChatSessionRecord? {
        let s = try c.prepare("\(sessionColumns) WHERE id = ?1")
        s.bind(1, id)
        return try s.step() ? sessionRecord(s) : nil
    }

    static func sessionRecord(_ s: SQLiteStatement) -> ChatSessionRecord {
        ChatSessionRecord(
            id: s.text(0) ?? "", title: s.text(1) ?? "", createdAt: Date(timeIntervalSinceReferenceDate: s.double(2)),
            updatedAt: Date(timeIntervalSinceReferenceDate: s.double(3)), messageCount: Int(s.int(4)))
    }
}

import CSQLite

func sqlite3Changes(_ c: SQLiteConnection) -> Int32 { sqlite3_changes(c.db) }
