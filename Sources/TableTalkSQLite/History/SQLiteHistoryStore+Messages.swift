import Foundation
public import TableTalkCore

extension SQLiteHistoryStore {
    /// Appends a message at the end of its session (its `seq` is assigned here; an empty `id` gets a UUID). An
    /// answer's result keeps at most ``maxStoredRows`` rows.
    public func append(_ message: ChatMessageRecord, for principal: Principal) async throws -> ChatMessageRecord {
        var m = message
        if m.id.isEmpty { m.id = UUID().uuidString }
        let record = m
        let keep = Int64(maxStoredRows)
        return try await run(principal) { c in
            try c.transaction {
                guard try Self.session(record.sessionId, on: c) != nil else {
                    throw TableTalkError(
                        .sessionNotFound, "no session \(record.sessionId)", details: ["sessionId": record.sessionId])
                }
                let seq = try c.prepare("SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE session_id = ?1")
                seq.bind(1, record.sessionId)
                _ = try seq.step()
                var out = record
                out.seq = seq.int(0)
                let at = record.createdAt.timeIntervalSinceReferenceDate
                do {
                    try c.prepare(
                        """
                        INSERT INTO messages(id, session_id, seq, role, text, payload, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, \(Self.cappedPayload("?6", rows: "?8")), ?7)
                        """
                    ).run([
                        .text(out.id), .text(out.sessionId), .int(out.seq), .text(out.role.rawValue), .text(out.text),
                        SQLValue(out.payload), .double(at), .int(keep),
                    ])
                } catch let f as SQLiteFailure where f.primaryCode == 19 {
                    throw TableTalkError(.invalidArgument, "a message with id \(out.id) already exists")
                }
                try c.prepare(
                    "UPDATE sessions SET message_count = message_count + 1, updated_at = max(updated_at, ?2) WHERE id = ?1"
                ).run([.text(out.sessionId), .double(at)])
                return out
            }
        }
    }

    public func messages(sessionId: String, before: Int64?, limit: Int, for principal: Principal) async throws
        -> [ChatMessageRecord]
    {
        let keep = Int64(maxStoredRows)
        return try await run(principal) { c in
            guard try Self.session(sessionId, on: c) != nil else {
                throw TableTalkError(.sessionNotFound, "no session \(sessionId)", details: ["sessionId": sessionId])
            }
            let s = try c.prepare(
                """
                SELECT id, session_id, role, text, \(Self.cappedPayload("payload", rows: "?4")), created_at, seq
                FROM messages WHERE session_id = ?1 AND (?2 IS NULL OR seq < ?2) ORDER BY seq DESC LIMIT ?3
                """)
            s.bind(1, sessionId)
            if let before { s.bind(2, before) }
            s.bind(3, Int64(max(limit, 0)))
            s.bind(4, keep)
            var out: [ChatMessageRecord] = []
            while try s.step() {
                out.append(
                    ChatMessageRecord(
                        id: s.text(0) ?? "", sessionId: s.text(1) ?? "",
                        role: ChatMessageRecord.Role(rawValue: s.text(2) ?? "") ?? .user, text: s.text(3) ?? "",
                        payload: s.text(4), createdAt: Date(timeIntervalSinceReferenceDate: s.double(5)), seq: s.int(6)))
            }
            return out.reversed()
        }
    }

    /// Records (or replaces) the feedback on a message; `messageNotFound` when there is no such message.
    public func recordFeedback(messageId: String, rating: Int, comment: String?, for principal: Principal) async throws {
        let now = Date().timeIntervalSinceReferenceDate
        try await run(principal) { c in
            let exists = try c.prepare("SELECT 1 FROM messages WHERE id = ?1")
            exists.bind(1, messageId)
            guard try exists.step() else {
                throw TableTalkError(.messageNotFound, "no message \(messageId)", details: ["messageId": messageId])
            }
            try c.prepare(
                "INSERT OR REPLACE INTO feedback(message_id, rating, comment, created_at) VALUES (?1, ?2, ?3, ?4)"
            ).run([.text(messageId), .int(Int64(rating)), SQLValue(comment), .double(now)])
        }
    }

    public func recordQuery(_ query: QueryRecord, for principal: Principal) async throws {
        let keep = Int64(maxQueryLog)
        try await run(principal) { c in
            try c.transaction {
                try c.prepare(
                    """
                    INSERT INTO queries(sql, elapsed_ms, row_count, ok, created_at, session_id)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    """
                ).run([
                    .text(query.sql), .double(query.elapsedMs), .int(Int64(query.rowCount)), .int(query.ok ? 1 : 0),
                    .double(query.createdAt.timeIntervalSinceReferenceDate), SQLValue(query.sessionId),
                ])
                try c.prepare("DELETE FROM queries WHERE id <= (SELECT max(id) FROM queries) - ?1").run([.int(keep)])
            }
        }
    }

    /// The newest `limit` queries, newest first.
    public func queries(limit: Int, for principal: Principal) async throws -> [QueryRecord] {
        try await run(principal) { c in
            let s = try c.prepare(
                "SELECT sql, elapsed_ms, row_count, ok, created_at, session_id FROM queries ORDER BY id DESC LIMIT ?1")
            s.bind(1, Int64(max(limit, 0)))
            var out: [QueryRecord] = []
            while try s.step() {
                out.append(
                    QueryRecord(
                        sql: s.text(0) ?? "", elapsedMs: s.double(1), rowCount: Int(s.int(2)), ok: s.int(3) != 0,
                        createdAt: Date(timeIntervalSinceReferenceDate: s.double(4)), sessionId: s.text(5)))
            }
            return out
        }
    }

    public func preferences(for principal: Principal) async throws -> [String: String] {
        try await run(principal) { c in try Self.allPreferences(c) }
    }

    /// Merges `values` into the preferences (an empty value removes the key) and returns them all.
    public func setPreferences(_ values: [String: String], for principal: Principal) async throws -> [String: String] {
        try await run(principal) { c in
            try c.transaction {
                for (k, v) in values {
                    if v.isEmpty {
                        try c.prepare("DELETE FROM preferences WHERE key = ?1").run([.text(k)])
                    } else {
                        try c.prepare("INSERT OR REPLACE INTO preferences(key, value) VALUES (?1, ?2)")
                            .run([.text(k), .text(v)])
                    }
                }
                return try Self.allPreferences(c)
            }
        }
    }

    private static func allPreferences(_ c: SQLiteConnection) throws -> [String: String] {
        let s = try c.prepare("SELECT key, value FROM preferences")
        var out: [String: String] = [:]
        while try s.step() { out[s.text(0) ?? ""] = s.text(1) ?? "" }
        return out
    }
}
