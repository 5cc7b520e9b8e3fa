import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// The guard's refusals reach the client with their documented codes; cancellation and the time limit stop
/// a query that would run forever.
@Suite struct QueryGuardTests {
    static let forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    /// 25^8 rows: would run for hours.
    static let crossJoin = "SELECT count(*) FROM sales a, sales b, sales c, sales d, sales e, sales f, sales g, sales h"
    static let longQueries = [forever, crossJoin]

    @Test(arguments: [
        ("ATTACH DATABASE '/tmp/x.sqlite' AS x", ErrorCode.sqlNotAllowed),
        ("PRAGMA writable_schema=1", .sqlNotAllowed),
        ("INSERT INTO sales (region) VALUES ('x')", .sqlNotAllowed),
        ("CREATE TABLE t (a)", .sqlNotAllowed),
        ("SELECT load_extension('/tmp/evil')", .sqlNotAllowed),
        ("SELECT 1; SELECT 2", .multipleStatements),
        ("SELEC region FROM sales", .sqlSyntax),
        ("SELECT * FROM missing_table", .tableNotFound),
    ])
    func guardErrorsHaveTheirCodes(_ sql: String, _ code: ErrorCode) async throws {
        let (_, client) = try await QueryTests.loaded(rows: 3)
        let error = try await client.error(QueryRunRequest(sql: sql))
        #expect(error.code == code, "\(sql): \(error.message)")
    }

    /// Also shows that the queries the cancellation tests interrupt really run long.
    @Test(arguments: longQueries)
    func aQueryPastTheTimeLimitTimesOut(_ sql: String) async throws {
        let (_, client) = try await QueryTests.loaded(rows: 25) { $0.queryTimeoutSeconds = 0.3 }
        let error = try await client.error(QueryRunRequest(sql: sql))
        #expect(error.code == .queryTimeout, "\(error.message)")
    }

    @Test(arguments: longQueries)
    func queryCancelInterruptsARunningQuery(_ sql: String) async throws {
        let (_, client) = try await QueryTests.loaded(rows: 25) { $0.queryTimeoutSeconds = 120 }
        let start = ContinuousClock.now
        let id = RequestID.string("long")
        await client.send(["jsonrpc": "2.0", "id": "long", "method": "query.run", "params": ["sql": .string(sql)]])
        // The query registers when its handler starts; ask until it is found (each ask is a full round trip).
        var cancelled = false
        for _ in 0..<10_000 where !cancelled {
            cancelled = try await client.call(QueryCancelRequest(id: id)).cancelled
            if !cancelled { await Task.yield() }
        }
        #expect(cancelled)
        let reply = try await client.reply(to: id)
        #expect(reply["error"]?["code"] == -32800)
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(try await client.call(QueryCancelRequest(id: id)).cancelled == false)
        #expect(try await client.call(QueryRunRequest(sql: "SELECT count(*) FROM sales")).rows == [[25]])
    }

    @Test(arguments: longQueries)
    func cancelRequestInterruptsARunningQuery(_ sql: String) async throws {
        let (_, client) = try await QueryTests.loaded(rows: 25) { $0.queryTimeoutSeconds = 120 }
        let start = ContinuousClock.now
        await client.send(["jsonrpc": "2.0", "id": 77, "method": "query.run", "params": ["sql": .string(sql)]])
        await client.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": 77]])
        let reply = try await client.reply(to: .number(77))
        #expect(reply["error"]?["code"] == -32800)
        #expect(ContinuousClock.now - start < .seconds(60))
    }

    @Test func queryCancelOnlyReachesTheSameConnection() async throws {
        let (h, client) = try await QueryTests.loaded(rows: 25) { $0.queryTimeoutSeconds = 120 }
        let other = try await h.client()
        await client.send(["jsonrpc": "2.0", "id": "mine", "method": "query.run", "params": ["sql": .string(Self.crossJoin)]])
        #expect(try await other.call(QueryCancelRequest(id: .string("mine"))).cancelled == false)
        await client.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": "mine"]])
        #expect(try await client.reply(to: .string("mine"))["error"]?["code"] == -32800)
    }
}
