public import Foundation
public import TableTalkCore

extension DynamoDBHistoryStore {
    /// Records (or replaces) the feedback on a message: one UpdateItem of the message's `MID#` item, only if it
    /// exists (so the check and the write are one atomic step); `messageNotFound` when there is no such message.
    public func recordFeedback(messageId: String, rating: Int, comment: String?, for principal: Principal) async throws {
        var values: DynamoItem = [":rating": .int(rating), ":at": .date(Date())]
        var expression = "SET rating = :rating, feedbackAt = :at"
        if let comment {
            values[":comment"] = .s(comment)
            expression += ", #comment = :comment"
        } else {
            expression += " REMOVE #comment"
        }
        do {
            try await table.update(
                Keys.key(principal, Keys.messageId(messageId)), expression, condition: "attribute_exists(PK)",
                names: ["#comment": "comment"], values: values)
        } catch is DynamoDBConditionFailed {
            throw TableTalkError(.messageNotFound, "no message \(messageId)", details: ["messageId": messageId])
        }
    }

    /// Logs a query as number `lastQuery + 1` (an atomic counter on `META`, so the log keeps the order calls
    /// were made in, as SQLite's autoincrement id does) and drops the entry that falls out of ``maxQueryLog``.
    public func recordQuery(_ query: QueryRecord, for principal: Principal) async throws {
        let counted = try await table.update(
            Keys.key(principal, Keys.meta), "ADD lastQuery :one", values: [":one": .int(1)], returnValues: "UPDATED_NEW")
        guard let n = counted?["lastQuery"]?.int64 else {
            throw TableTalkError(.internalFailure, "DynamoDB returned no query-log number")
        }
        var item = Keys.key(principal, Keys.query(n))
        item["sql"] = .s(query.sql)
        item["elapsedMs"] = .double(query.elapsedMs)
        item["rowCount"] = .int(query.rowCount)
        item["ok"] = .bool(query.ok)
        item["createdAt"] = .date(query.createdAt)
        if let sessionId = query.sessionId { item["sessionId"] = .s(sessionId) }
        var writes: [DynamoDBRequests.TransactItem] = [.init(Put: .init(TableName: tableName, Item: item))]
        let dropped = n - Int64(maxQueryLog)
        if dropped >= 1 {
            writes.append(.init(Delete: .init(TableName: tableName, Key: Keys.key(principal, Keys.query(dropped)))))
        }
        try await table.transact(writes)
    }

    /// The newest `limit` queries, newest first.
    public func queries(limit: Int, for principal: Principal) async throws -> [QueryRecord] {
        guard limit > 0 else { return [] }
        let items = try await table.query(
            "PK = :pk AND begins_with(SK, :prefix)", values: [":pk": Keys.pk(principal), ":prefix": .s(Keys.queryPrefix)],
            forward: false, limit: limit)
        return items.map { item in
            QueryRecord(
                sql: item["sql"]?.string ?? "", elapsedMs: item["elapsedMs"]?.double ?? 0,
                rowCount: Int(item["rowCount"]?.int64 ?? 0), ok: item["ok"]?.bool ?? false,
                createdAt: item["createdAt"]?.date ?? Date(timeIntervalSinceReferenceDate: 0), sessionId: item["sessionId"]?.string)
        }
    }

    public func preferences(for principal: Principal) async throws -> [String: String] {
        Self.preferenceValues(try await table.get(Keys.key(principal, Keys.preferences)))
    }

    /// Merges `values` into the preferences (an empty value removes the key) with one UpdateItem (SET and REMOVE
    /// of `p:<key>` attributes) and returns them all as the update left them.
    public func setPreferences(_ values: [String: String], for principal: Principal) async throws -> [String: String] {
        guard !values.isEmpty else { return try await preferences(for: principal) }
        var names: [String: String] = [:]
        var attributeValues: DynamoItem = [:]
        var sets: [String] = []
        var removes: [String] = []
        for (i, (key, value)) in values.sorted(by: { $0.key < $1.key }).enumerated() {
            names["#k\(i)"] = Keys.preferencePrefix + key
            if value.isEmpty {
                removes.append("#k\(i)")
            } else {
                attributeValues[":v\(i)"] = .s(value)
                sets.append("#k\(i) = :v\(i)")
            }
        }
        let expression = [
            sets.isEmpty ? nil : "SET " + sets.joined(separator: ", "),
            removes.isEmpty ? nil : "REMOVE " + removes.joined(separator: ", "),
        ].compactMap { $0 }.joined(separator: " ")
        let stored = try await table.update(
            Keys.key(principal, Keys.preferences), expression, names: names,
            values: attributeValues.isEmpty ? nil : attributeValues, returnValues: "ALL_NEW")
        return Self.preferenceValues(stored)
    }

    static func preferenceValues(_ item: DynamoItem?) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in item ?? [:] where name.hasPrefix(Keys.preferencePrefix) {
            out[String(name.dropFirst(Keys.preferencePrefix.count))] = value.string ?? ""
        }
        return out
    }
}
