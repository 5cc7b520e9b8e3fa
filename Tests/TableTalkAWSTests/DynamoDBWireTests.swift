import Foundation
import TableTalkCore
import Testing
@testable import TableTalkAWS

/// DynamoDB JSON values and the batch writer's chunking and retries, without a server.
@Suite struct DynamoDBWireTests {
    @Test func attributeValuesUseDynamoDBJSON() throws {
        let item: DynamoItem = [
            "s": .s("a\"b"), "n": .int(Int64(42)), "b": .bool(true), "z": .null, "m": .m(["k": .s("v")]), "l": .l([.int(1), .s("x")]),
        ]
        let text = String(decoding: try JSONEncoder().encode(item["m"]!), as: UTF8.self)
        #expect(text == #"{"M":{"k":{"S":"v"}}}"#)
        #expect(String(decoding: try JSONEncoder().encode(DynamoValue.null), as: UTF8.self) == #"{"NULL":true}"#)
        let back = try JSONDecoder().decode(DynamoItem.self, from: try JSONEncoder().encode(item))
        #expect(back == item)
        #expect(try JSONDecoder().decode(DynamoValue.self, from: Data(#"{"N":"-7"}"#.utf8)).int64 == -7)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DynamoValue.self, from: Data(#"{"B":"AAA="}"#.utf8)) }
    }

    @Test func numbersHaveNoExponentAndDoublesRoundTrip() {
        #expect(DynamoValue.double(0.00005) == .n("0.00005"))
        #expect(DynamoValue.double(1.0) == .n("1"))
        #expect(DynamoValue.double(1e21) == .n("1000000000000000000000"))
        #expect(DynamoValue.double(.nan) == .n("0"))
        for value in [0.1, 1.5, 786_000_000.123_456_7, 1e-7, 123_456_789.000_001, -2.5e-9] {
            #expect(DynamoValue.double(value).double == value, "\(value)")
        }
        let date = Date(timeIntervalSinceReferenceDate: 786_000_000.123_456_7)
        #expect(DynamoValue.date(date).date == date)
    }

    @Test func batchWriterSendsChunksOf25AndRetriesUnprocessedItems() async throws {
        let seen = Seen()
        let writer = DynamoDBBatchWriter(backoff: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(1), jitter: 0)) { chunk in
            await seen.add(chunk)
            // The first round leaves the first two of every chunk unprocessed.
            return await seen.rounds(of: chunk[0]) == 1 ? Array(chunk.prefix(2)) : []
        }
        let keys = (0..<60).map { ["PK": DynamoValue.s("p"), "SK": .s("k\($0)")] }
        try await writer.delete(keys: keys)
        let chunks = await seen.chunks
        #expect(chunks.map(\.count) == [25, 25, 10, 6])
        let written = Set(chunks.flatMap { $0 }.compactMap { $0.DeleteRequest?.Key["SK"]?.string })
        #expect(written.count == 60)
    }

    @Test func batchWriterGivesUpWhenItemsStayUnprocessed() async {
        let writer = DynamoDBBatchWriter(backoff: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), jitter: 0)) { chunk in
            Array(chunk.suffix(1))
        }
        let keys = (0..<30).map { ["PK": DynamoValue.s("p"), "SK": .s("k\($0)")] }
        await #expect { try await writer.delete(keys: keys) } throws: { error in
            (error as? TableTalkError)?.kind == .internalFailure && "\(error)".contains("unprocessed")
        }
    }

    actor Seen {
        var chunks: [[DynamoDBRequests.WriteRequest]] = []
        var counts: [DynamoDBRequests.WriteRequest: Int] = [:]
        func add(_ chunk: [DynamoDBRequests.WriteRequest]) {
            chunks.append(chunk)
            counts[chunk[0], default: 0] += 1
        }
        func rounds(of request: DynamoDBRequests.WriteRequest) -> Int { counts[request] ?? 0 }
    }
}
