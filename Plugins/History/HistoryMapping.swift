import Foundation
import TableTalkCore
import TableTalkProtocol

/// Conversions from the store's records to the wire types of `history.*`.
enum HistoryMapping {
    static func date(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func session(_ r: ChatSessionRecord) -> HistorySession {
        HistorySession(
            sessionId: r.id, title: r.title, createdAt: date(r.createdAt), updatedAt: date(r.updatedAt),
            messageCount: r.messageCount)
    }

    /// User messages expose the raw SQL they carried; assistant messages their whole answer.
    static func message(_ r: ChatMessageRecord) -> HistoryMessage {
        let payload = r.payload.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        switch r.role {
        case .user:
            return HistoryMessage(
                messageId: r.id, role: r.role.rawValue, text: r.text, sql: payload?["sql"]?.stringValue,
                createdAt: date(r.createdAt), seq: r.seq)
        case .assistant:
            return HistoryMessage(
                messageId: r.id, role: r.role.rawValue, text: r.text, answer: payload, createdAt: date(r.createdAt),
                seq: r.seq)
        }
    }

    static func query(_ r: QueryRecord) -> HistoryQuery {
        HistoryQuery(
            sql: r.sql, elapsedMs: r.elapsedMs, rowCount: r.rowCount, ok: r.ok, createdAt: date(r.createdAt),
            sessionId: r.sessionId)
    }
}
