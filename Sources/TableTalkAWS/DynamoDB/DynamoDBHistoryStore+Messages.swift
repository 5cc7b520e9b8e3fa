public import Foundation
public import TableTalkCore

extension DynamoDBHistoryStore {
    /// Appends a message at the end of its session (an empty `id` gets a UUID). Its seq comes from an atomic
    /// `ADD lastSeq :1` on the session item (so two concurrent appends never share one); then one transaction
    /// writes the message and its id pointer (both only if absent) and counts it on the session (only if the
    /// session is there); last, a conditional UpdateItem raises the session's `updatedAt` to the message's time
    /// when that is later. A failed append may leave a gap in the seqs, never a duplicate. An answer's result keeps
    /// at most ``maxStoredRows`` rows.
    public func append(_ message: ChatMessageRecord, for principal: Principal) async throws -> ChatMessageRecord {
        var out = message
        if out.id.isEmpty { out.id = UUID().uuidString }
        let budget = Self.maxItemBytes - out.text.utf8.count - out.id.utf8.count - out.sessionId.utf8.count * 2
        out.payload = try HistoryPayloadCap.fitting(out.payload, rows: maxStoredRows, bytes: max(budget, 0))
        let sessionKey = Keys.key(principal, Keys.session(out.sessionId))
        out.seq = try await nextSeq(sessionKey, sessionId: out.sessionId)
        var written = false
        for attempt in 1...5 where !written {
            do {
                try await table.transact(appendItems(out, principal: principal))
                written = true
            } catch is DynamoDBConditionFailed {
                // Find out which condition failed: a duplicate id, a session deleted meanwhile, a seq already taken,
                // or (none of these) a conflicting transaction worth another try.
                if try await table.get(Keys.key(principal, Keys.messageId(out.id))) != nil {
                    throw TableTalkError(.invalidArgument, "a message with id \(out.id) already exists", details: ["messageId": out.id])
                }
                guard try await table.get(sessionKey) != nil else { throw Self.noSession(out.sessionId) }
                if try await table.get(Keys.key(principal, Keys.message(out.sessionId, seq: out.seq))) != nil {
                    // The seq is taken (a message left by a delete cut short): take the next one.
                    out.seq = try await nextSeq(sessionKey, sessionId: out.sessionId)
                }
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
        guard written else {
            throw TableTalkError(.internalFailure, "DynamoDB kept refusing the append to session \(out.sessionId)")
        }
        do {
            try await table.update(
                sessionKey, "SET updatedAt = :at", condition: "attribute_exists(PK) AND updatedAt < :at",
                values: [":at": .date(out.createdAt)])
        } catch is DynamoDBConditionFailed {
            // A later message (or none of the session) is there already: updatedAt stays.
        }
        return out
    }

    /// Bumps the session's `lastSeq` with an atomic ADD and returns the new value; `sessionNotFound` when the
    /// session item is absent.
    func nextSeq(_ sessionKey: DynamoItem, sessionId: String) async throws -> Int64 {
        do {
            let counted = try await table.update(
                sessionKey, "ADD lastSeq :one", condition: "attribute_exists(PK)", values: [":one": .int(1)],
                returnValues: "UPDATED_NEW")
            guard let seq = counted?["lastSeq"]?.int64 else {
                throw TableTalkError(.internalFailure, "DynamoDB returned no seq for session \(sessionId)")
            }
            return seq
        } catch is DynamoDBConditionFailed {
            throw Self.noSession(sessionId)
        }
    }

    func appendItems(_ m: ChatMessageRecord, principal: Principal) -> [DynamoDBRequests.TransactItem] {
        var item = Keys.key(principal, Keys.message(m.sessionId, seq: m.seq))
        item["id"] = .s(m.id)
        item["sessionId"] = .s(m.sessionId)
        item["seq"] = .int(m.seq)
        item["role"] = .s(m.role.rawValue)
        item["text"] = .s(m.text)
        if let payload = m.payload { item["payload"] = .s(payload) }
        item["createdAt"] = .date(m.createdAt)
        var pointer = Keys.key(principal, Keys.messageId(m.id))
        pointer["sessionId"] = .s(m.sessionId)
        pointer["seq"] = .int(m.seq)
        let count = DynamoDBRequests.UpdateItem(
            TableName: tableName, Key: Keys.key(principal, Keys.session(m.sessionId)),
            UpdateExpression: "SET messageCount = messageCount + :one", ConditionExpression: "attribute_exists(PK)",
            ExpressionAttributeValues: [":one": .int(1)])
        return [
            .init(Put: .init(TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(PK)")),
            .init(Put: .init(TableName: tableName, Item: pointer, ConditionExpression: "attribute_not_exists(PK)")),
            .init(Update: count),
        ]
    }

    /// Messages in ascending seq order; with `before`, only those with a lower seq (the newest `limit`). Reads
    /// the session's SK range newest first, across DynamoDB pages until `limit` are found.
    public func messages(sessionId: String, before: Int64?, limit: Int, for principal: Principal) async throws
        -> [ChatMessageRecord]
    {
        guard try await session(id: sessionId, for: principal) != nil else { throw Self.noSession(sessionId) }
        let below = before.map { $0 <= 1 ? 0 : $0 - 1 } ?? Int64.max
        guard limit > 0, below >= 1 else { return [] }
        let items = try await table.query(
            "PK = :pk AND SK BETWEEN :low AND :high",
            values: [
                ":pk": Keys.pk(principal), ":low": .s(Keys.message(sessionId, seq: 1)),
                ":high": .s(Keys.message(sessionId, seq: below)),
            ],
            forward: false, limit: limit)
        return items.reversed().map { item in
            ChatMessageRecord(
                id: item["id"]?.string ?? "", sessionId: item["sessionId"]?.string ?? sessionId,
                role: ChatMessageRecord.Role(rawValue: item["role"]?.string ?? "") ?? .user, text: item["text"]?.string ?? "",
                payload: HistoryPayloadCap.capped(item["payload"]?.string, rows: maxStoredRows),
                createdAt: item["createdAt"]?.date ?? Date(timeIntervalSinceReferenceDate: 0), seq: item["seq"]?.int64 ?? 0)
        }
    }

    static func noSession(_ id: String) -> TableTalkError {
        TableTalkError(.sessionNotFound, "no session \(id)", details: ["sessionId": id])
    }
}
