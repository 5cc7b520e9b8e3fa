import TableTalkCore

/// Writes many deletes (or puts) with BatchWriteItem: 25 requests per call (DynamoDB's cap), and the
/// `UnprocessedItems` DynamoDB hands back under load sent again with backoff until none remain. Gives up with an
/// error after ``maxRounds`` rounds that still left items, so a caller never believes a half-done delete is done.
struct DynamoDBBatchWriter: Sendable {
    static let chunkSize = 25
    /// Sends one chunk and returns the requests DynamoDB did not process.
    var send: @Sendable ([DynamoDBRequests.WriteRequest]) async throws -> [DynamoDBRequests.WriteRequest]
    var backoff = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(50), maxDelay: .seconds(2))
    var maxRounds: Int { backoff.maxAttempts }

    init(
        backoff: RetryPolicy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(50), maxDelay: .seconds(2)),
        send: @escaping @Sendable ([DynamoDBRequests.WriteRequest]) async throws -> [DynamoDBRequests.WriteRequest]
    ) {
        self.backoff = backoff
        self.send = send
    }

    /// The writer for `table`.
    init(table: DynamoDBTable) {
        self.init { chunk in
            let reply: DynamoDBRequests.BatchWriteReply = try await table.call(
                "BatchWriteItem", DynamoDBRequests.BatchWrite(RequestItems: [table.name: chunk]))
            return reply.UnprocessedItems?[table.name] ?? []
        }
    }

    func write(_ requests: [DynamoDBRequests.WriteRequest]) async throws {
        var pending = requests
        var round = 0
        while !pending.isEmpty {
            round += 1
            var left: [DynamoDBRequests.WriteRequest] = []
            for start in stride(from: 0, to: pending.count, by: Self.chunkSize) {
                let chunk = Array(pending[start..<min(start + Self.chunkSize, pending.count)])
                left += try await send(chunk)
            }
            pending = left
            if pending.isEmpty { return }
            guard let wait = backoff.delay(afterAttempt: round) else {
                throw TableTalkError(
                    .internalFailure, "DynamoDB left \(pending.count) of \(requests.count) batch writes unprocessed after \(round) tries",
                    details: ["unprocessed": String(pending.count)])
            }
            try await Task.sleep(for: wait)
        }
    }

    /// Deletes the items with these keys.
    func delete(keys: [DynamoItem]) async throws {
        try await write(keys.map { DynamoDBRequests.WriteRequest(DeleteRequest: .init(Key: $0)) })
    }
}
