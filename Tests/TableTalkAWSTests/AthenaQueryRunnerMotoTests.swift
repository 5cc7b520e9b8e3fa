import Foundation
import Synchronization
import TableTalkAWS
import TableTalkCore
import Testing

/// The Athena runner against moto_server over real HTTP. moto does not execute SQL: these tests check what the
/// runner sends (the Trino text, workgroup, context, result location and encryption, read back through
/// `GetQueryExecution`), and feed it seeded results (header row first, like Athena) for type mapping, the row cap,
/// offset paging, cancellation (moto marks a stopped execution CANCELLED) and refusals that never reach Athena.
/// Serialized: the seeded results of moto's queue go to executions in the order they start.
@Suite(.serialized) struct AthenaQueryRunnerMotoTests {
    /// Execution ids reported by `onStarted`.
    final class Started: Sendable {
        let ids = Mutex<[String]>([])
        var all: [String] { ids.withLock { $0 } }
        func add(_ id: String) { ids.withLock { $0.append(id) } }
    }

    @Test func sendsTheGuardedTrinoTextToTheWorkgroupWithEncryptedResults() async throws {
        let moto = try await AthenaMotoFixture.make()
        try await moto.seed([(columns: [("region", "varchar"), ("total", "bigint")], rows: [["north", "12"], ["south", "7"]])])
        let started = Started()
        let runner = moto.runner(encryption: .sseKMS(keyId: "alias/tabletalk"), onStarted: started.add)
        let sql = "-- by region\nSELECT region, sum(amount) AS total FROM \(moto.database).sales GROUP BY region ORDER BY region;"
        let result = try await runner.run(
            sql: sql, database: moto.database, principal: moto.principal, options: QueryOptions(), cancellation: nil)
        #expect(result.rows == [[.text("north"), .integer(12)], [.text("south"), .integer(7)]])
        #expect(result.columns == [ResultColumn(name: "region", type: "TEXT"), ResultColumn(name: "total", type: "INTEGER")])
        #expect(!result.truncated)
        let id = try #require(started.all.first)
        let execution = try await moto.execution(id)
        #expect(execution["Query"] as? String == "SELECT region, sum(amount) AS total FROM \(moto.database).sales GROUP BY region ORDER BY region")
        #expect(execution["WorkGroup"] as? String == moto.workgroup)
        let context = execution["QueryExecutionContext"] as? [String: Any]
        #expect(context?["Database"] as? String == moto.database)
        #expect(context?["Catalog"] as? String == "AwsDataCatalog")
        let config = execution["ResultConfiguration"] as? [String: Any]
        // moto appends `<id>.csv` to the location it was given, as Athena does.
        #expect(config?["OutputLocation"] as? String == "s3://tt-bucket/results/\(moto.principal.directoryName)/\(id).csv")
        let encryption = config?["EncryptionConfiguration"] as? [String: Any]
        #expect(encryption?["EncryptionOption"] as? String == "SSE_KMS")
        #expect(encryption?["KmsKey"] as? String == "alias/tabletalk")
        let status = execution["Status"] as? [String: Any]
        #expect(status?["State"] as? String == "SUCCEEDED")
    }

    @Test func mapsAthenaTypesToTableTalkValues() async throws {
        let moto = try await AthenaMotoFixture.make()
        let columns: [(name: String, type: String)] = [
            ("name", "varchar"), ("n", "bigint"), ("i", "integer"), ("x", "double"), ("ok", "boolean"),
            ("day", "date"), ("at", "timestamp"), ("price", "decimal"),
        ]
        try await moto.seed([(columns: columns, rows: [
            ["a", "9007199254740993", "-3", "2.5", "true", "2024-03-05", "2024-03-05 10:30:00.000", "12.34"],
            [nil, nil, "0", "NaN", "false", nil, "2024-03-05 10:30:00.250", nil],
            ["", "1", "1", "1e3", "false", "2024-12-31", "2024-12-31 23:59:59.000", "0.10"],
        ])])
        let result = try await moto.runner().run(
            sql: "SELECT * FROM sales", database: moto.database, principal: moto.principal, options: QueryOptions(), cancellation: nil)
        #expect(result.columns.map(\.type) == ["TEXT", "INTEGER", "INTEGER", "REAL", "BOOLEAN", "DATE", "TIMESTAMP", "REAL"])
        #expect(result.rows[0] == [
            .text("a"), .integer(9_007_199_254_740_993), .integer(-3), .real(2.5), .integer(1), .text("2024-03-05"),
            .text("2024-03-05 10:30:00"), .real(12.34),
        ])
        #expect(result.rows[1][0] == .null && result.rows[1][1] == .null && result.rows[1][5] == .null && result.rows[1][7] == .null)
        #expect(result.rows[1][4] == .integer(0))
        #expect(result.rows[1][6] == .text("2024-03-05 10:30:00.250"))
        #expect(result.rows[2][0] == .text(""))
        #expect(result.rows[2][3] == .real(1000))
        #expect(result.rowCount == 3)
    }

    @Test func rowCapTruncatesAndTheNextPageReadsTheSameExecution() async throws {
        let moto = try await AthenaMotoFixture.make()
        let rows = (0..<1500).map { [String($0)] as [String?] }
        // Two results: the first serves both pages of one runner; the second a runner without a cursor.
        try await moto.seed([(columns: [("n", "integer")], rows: rows), (columns: [("n", "integer")], rows: rows)])
        let started = Started()
        let runner = moto.runner(onStarted: started.add)
        let sql = "SELECT n FROM sales ORDER BY n"
        let first = try await runner.run(
            sql: sql, database: moto.database, principal: moto.principal, options: QueryOptions(maxRows: 1000), cancellation: nil)
        #expect(first.rowCount == 1000)
        #expect(first.truncated)
        #expect(first.nextOffset == 1000)
        #expect(first.rows.first == [.integer(0)] && first.rows.last == [.integer(999)])
        let second = try await runner.run(
            sql: sql, database: moto.database, principal: moto.principal, options: QueryOptions(maxRows: 1000, offset: 1000),
            cancellation: nil)
        #expect(second.rowCount == 500)
        #expect(!second.truncated && second.nextOffset == nil)
        #expect(second.rows.first == [.integer(1000)] && second.rows.last == [.integer(1499)])
        #expect(started.all.count == 1, "the second page was read from the first execution")
        // A runner that has no cursor for this SQL runs it again and skips to the offset.
        let other = moto.runner(onStarted: started.add)
        let page = try await other.run(
            sql: sql, database: moto.database, principal: moto.principal, options: QueryOptions(maxRows: 10, offset: 1495),
            cancellation: nil)
        #expect(page.rows == (1495..<1500).map { [.integer(Int64($0))] })
        #expect(started.all.count == 2)
        #expect(try await moto.executionIds().count == 2)
    }

    @Test func cancellationStopsTheExecution() async throws {
        let moto = try await AthenaMotoFixture.make()
        let flag = CancellationFlag()
        let started = Started()
        let runner = moto.runner(onStarted: { id in
            started.add(id)
            flag.cancel()  // `query.cancel` arriving while the query runs
        })
        await #expect(throws: TableTalkError(.queryCancelled, "the query was cancelled")) {
            _ = try await runner.run(
                sql: "SELECT * FROM sales", database: moto.database, principal: moto.principal, options: QueryOptions(),
                cancellation: flag)
        }
        let id = try #require(started.all.first)
        let status = try await moto.execution(id)["Status"] as? [String: Any]
        #expect(status?["State"] as? String == "CANCELLED")
    }

    @Test func refusedSQLNeverReachesAthena() async throws {
        let moto = try await AthenaMotoFixture.make()
        let started = Started()
        let runner = moto.runner(onStarted: started.add)
        for sql in [
            "DROP TABLE sales", "SELECT * FROM other_db.sales", "SELECT 1; SELECT 2", "SELECT * FROM information_schema.tables",
            "UNLOAD (SELECT * FROM sales) TO 's3://x/'",
        ] {
            await #expect(throws: TableTalkError.self) {
                _ = try await runner.run(sql: sql, database: moto.database, principal: moto.principal, options: QueryOptions(), cancellation: nil)
            }
        }
        let flag = CancellationFlag()
        flag.cancel()
        await #expect(throws: TableTalkError(.queryCancelled, "the query was cancelled")) {
            _ = try await runner.run(sql: "SELECT 1", database: moto.database, principal: moto.principal, options: QueryOptions(), cancellation: flag)
        }
        #expect(started.all.isEmpty)
        #expect(try await moto.executionIds().isEmpty)
    }
}
