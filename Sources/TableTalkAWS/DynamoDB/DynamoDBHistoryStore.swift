public import Foundation
public import TableTalkCore

/// The AWS ``HistoryStore``: chat sessions, messages, feedback, the query log and preferences in ONE DynamoDB
/// table, one partition per principal (so a user's history is one key range and never mixes with another's).
///
/// Key schema (string `PK` hash key, string `SK` range key; see ``DynamoDBHistoryKeys``):
/// - `PK = P#<principal>` for every item of a principal;
/// - `SK = S#<session>`: the session (title, createdAt, updatedAt, messageCount, and `lastSeq`, the counter
///   `append` bumps with an atomic UpdateItem ADD so concurrent appends never share a seq);
/// - `SK = M#<session>#<seq, 20 digits>`: a message, so one session's messages are one SK range in seq order;
/// - `SK = MID#<message>`: the message id's pointer to its session (ids stay unique), which also holds the
///   message's feedback (rating, comment), written only if the pointer exists;
/// - `SK = Q#<n, 20 digits>`: the query log, numbered by the `lastQuery` counter of `SK = META`;
/// - `SK = PREF`: the preferences, one `p:<key>` attribute each.
/// Ids in sort keys escape `%` and `#`. No secondary index: every read is a strongly consistent GetItem or Query,
/// so a write is seen by the next read exactly as with SQLite.
///
/// `sessions(limit:)` reads the principal's session items (one Query over `S#`, ~20 sessions per read unit) and
/// orders them as SQLite does, `updatedAt` newest first then id; a GSI on `updatedAt` would read only `limit`
/// items but is eventually consistent, so a session just created could be missing from the list.
///
/// Every write is acknowledged by DynamoDB (replicated across three zones) before the call returns.
///
/// ```swift
/// let aws = AWSClient(settings: .fromEnvironment(region: "eu-west-1"))
/// let history = DynamoDBHistoryStore(client: aws, tableName: "tabletalk-history")
/// ```
public struct DynamoDBHistoryStore: HistoryStore {
    public let tableName: String
    /// Older query-log entries beyond this many per principal are deleted.
    public let maxQueryLog: Int
    /// Rows of an answer's result kept in a stored message (see the SQLite store); larger results are cut further
    /// when the item would not fit DynamoDB's 400 KB.
    public let maxStoredRows: Int
    let table: DynamoDBTable

    /// Largest message item written: DynamoDB's 400 KB less room for the other attributes.
    static let maxItemBytes = 400 * 1024 - 4 * 1024

    /// - Parameter queryPageSize: `Limit` of each DynamoDB Query (nil: DynamoDB's 1 MB pages); tests make it small
    ///   to read across pages.
    public init(client: AWSClient, tableName: String, maxQueryLog: Int = 10_000, maxStoredRows: Int = 200, queryPageSize: Int? = nil) {
        self.tableName = tableName
        self.maxQueryLog = max(maxQueryLog, 1)
        self.maxStoredRows = max(maxStoredRows, 0)
        table = DynamoDBTable(client: client, name: tableName, pageSize: queryPageSize.map { max($0, 1) })
    }

    typealias Keys = DynamoDBHistoryKeys

    public func createSession(id: String, title: String, for principal: Principal) async throws -> ChatSessionRecord {
        let now = DynamoValue.date(Date())
        var item = Keys.key(principal, Keys.session(id))
        item["id"] = .s(id)
        item["title"] = .s(title)
        item["createdAt"] = now
        item["updatedAt"] = now
        item["messageCount"] = .int(0)
        item["lastSeq"] = .int(0)
        do {
            try await table.put(item, condition: "attribute_not_exists(PK)")
        } catch is DynamoDBConditionFailed {
            // Already there: kept as it is, like SQLite's INSERT OR IGNORE.
        }
        guard let record = try await session(id: id, for: principal) else {
            throw TableTalkError(.internalFailure, "session \(id) vanished right after it was created")
        }
        return record
    }

    public func sessions(for principal: Principal, limit: Int) async throws -> [ChatSessionRecord] {
        guard limit > 0 else { return [] }
        let items = try await table.query(
            "PK = :pk AND begins_with(SK, :prefix)", values: [":pk": Keys.pk(principal), ":prefix": .s(Keys.sessionPrefix)],
            forward: true)
        let records = items.map(Self.sessionRecord).sorted { a, b in
            a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        return Array(records.prefix(limit))
    }

    public func session(id: String, for principal: Principal) async throws -> ChatSessionRecord? {
        try await table.get(Keys.key(principal, Keys.session(id))).map(Self.sessionRecord)
    }

    public func renameSession(id: String, title: String, for principal: Principal) async throws -> Bool {
        do {
            try await table.update(
                Keys.key(principal, Keys.session(id)), "SET title = :title", condition: "attribute_exists(PK)",
                values: [":title": .s(title)])
            return true
        } catch is DynamoDBConditionFailed {
            return false
        }
    }

    /// Deletes the session item first (so no append can start on it), then its messages and their id pointers
    /// (with the feedback on them), 25 per BatchWriteItem. The sweep runs even when the session item was already gone, so a delete
    /// cut short is finished by the next one.
    public func deleteSession(id: String, for principal: Principal) async throws -> Bool {
        let existed = try await table.delete(Keys.key(principal, Keys.session(id))) != nil
        let messages = try await table.query(
            "PK = :pk AND begins_with(SK, :prefix)",
            values: [":pk": Keys.pk(principal), ":prefix": .s(Keys.messagePrefix(id))], forward: true,
            projection: "SK, id")
        var keys: [DynamoItem] = []
        for message in messages {
            guard let sk = message["SK"]?.string else { continue }
            keys.append(Keys.key(principal, sk))
            if let messageId = message["id"]?.string { keys.append(Keys.key(principal, Keys.messageId(messageId))) }
        }
        try await DynamoDBBatchWriter(table: table).delete(keys: keys)
        return existed
    }

    static func sessionRecord(_ item: DynamoItem) -> ChatSessionRecord {
        ChatSessionRecord(
            id: item["id"]?.string ?? "", title: item["title"]?.string ?? "",
            createdAt: item["createdAt"]?.date ?? Date(timeIntervalSinceReferenceDate: 0),
            updatedAt: item["updatedAt"]?.date ?? Date(timeIntervalSinceReferenceDate: 0),
            messageCount: Int(item["messageCount"]?.int64 ?? 0))
    }
}
