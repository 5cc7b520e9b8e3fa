public import Foundation

/// A chat session as history lists it.
public struct ChatSessionRecord: Sendable, Codable, Hashable {
    public var id: String
    public var title: String
    public var createdAt: Date
    public var updatedAt: Date
    public var messageCount: Int
    public init(id: String, title: String, createdAt: Date, updatedAt: Date, messageCount: Int) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
    }
}

/// One message of a chat session. `payload` is the full answer as JSON text (interpretation, sql, result…).
public struct ChatMessageRecord: Sendable, Codable, Hashable {
    public enum Role: String, Sendable, Codable { case user, assistant }
    public var id: String
    public var sessionId: String
    public var role: Role
    public var text: String
    /// JSON text of the structured answer (assistant) or request (user); opaque to the store.
    public var payload: String?
    public var createdAt: Date
    /// Monotonic position within the session (for `before` paging).
    public var seq: Int64
    public init(id: String, sessionId: String, role: Role, text: String, payload: String?, createdAt: Date, seq: Int64 = 0) {
        self.id = id
        self.sessionId = sessionId
        self.role = role
        self.text = text
        self.payload = payload
        self.createdAt = createdAt
        self.seq = seq
    }
}

/// A query that ran, for `history.queries`.
public struct QueryRecord: Sendable, Codable, Hashable {
    public var sql: String
    public var elapsedMs: Double
    public var rowCount: Int
    public var ok: Bool
    public var createdAt: Date
    public var sessionId: String?
    public init(sql: String, elapsedMs: Double, rowCount: Int, ok: Bool, createdAt: Date, sessionId: String?) {
        self.sql = sql
        self.elapsedMs = elapsedMs
        self.rowCount = rowCount
        self.ok = ok
        self.createdAt = createdAt
        self.sessionId = sessionId
    }
}

/// Persists chat sessions, messages, feedback, query log and preferences, one store per principal.
/// Every write is durable when the call returns (a crash mid-answer loses no earlier message).
public protocol HistoryStore: Sendable {
    func createSession(id: String, title: String, for principal: Principal) async throws -> ChatSessionRecord
    func sessions(for principal: Principal, limit: Int) async throws -> [ChatSessionRecord]
    func session(id: String, for principal: Principal) async throws -> ChatSessionRecord?
    /// Sets a session's title; false when there is no such session.
    func renameSession(id: String, title: String, for principal: Principal) async throws -> Bool
    func append(_ message: ChatMessageRecord, for principal: Principal) async throws -> ChatMessageRecord
    /// Messages in ascending order; with `before`, only those with `seq` lower than it (the newest `limit`).
    func messages(sessionId: String, before: Int64?, limit: Int, for principal: Principal) async throws
        -> [ChatMessageRecord]
    func deleteSession(id: String, for principal: Principal) async throws -> Bool
    func recordFeedback(messageId: String, rating: Int, comment: String?, for principal: Principal) async throws
    func recordQuery(_ query: QueryRecord, for principal: Principal) async throws
    func queries(limit: Int, for principal: Principal) async throws -> [QueryRecord]
    func preferences(for principal: Principal) async throws -> [String: String]
    func setPreferences(_ values: [String: String], for principal: Principal) async throws -> [String: String]
}
