import Foundation
import Synchronization
import TableTalkAWS
import TableTalkCore
import Testing

/// The Athena runner against a scripted Athena (``AthenaFakeServer``, Athena's JSON wire format) for what moto
/// cannot show: a query that stays RUNNING (polling backoff, the time limit, cancellation mid-run — each sending
/// `StopQueryExecution`), FAILED and self-cancelled queries with Athena's reasons, statistics for metrics,
/// `NextToken` paging with `MaxResults`, and a retried `StartQueryExecution` keeping its `ClientRequestToken`.
@Suite struct AthenaQueryRunnerScriptedTests {
    static func runner(
        _ endpoint: String, pageSize: Int = 1000, polling: AthenaPolling = AthenaPolling(),
        onStatistics: (@Sendable (AthenaQueryStats) -> Void)? = nil
    ) -> AthenaQueryRunner {
        let settings = AWSSettings(region: "us-east-1", endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret")
        }
        let client = AWSClient(settings: settings, timeout: .seconds(5), retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)))
        return AthenaQueryRunner(
            client: client,
            configuration: AthenaQueryConfiguration(
                workgroup: "tabletalk", resultsPrefix: "s3://bucket/results", polling: polling, pageSize: pageSize),
            onStatistics: onStatistics)
    }

    static let principal = Principal("alice")

    @Test func pollsWithBackoffUntilTheQueryEnds() async throws {
        let running = AthenaFakeServer.Status(state: "RUNNING")
        let (athena, endpoint) = try await AthenaFakeServer.start(
            statuses: [.init(state: "QUEUED"), running, running, running, running,
                .init(state: "SUCCEEDED", scannedBytes: 4096, engineMillis: 321)],
            rows: [["1"], ["2"]])
        defer { athena.stop() }
        let stats = Mutex<[AthenaQueryStats]>([])
        let runner = Self.runner(endpoint, onStatistics: { s in stats.withLock { $0.append(s) } })
        let begin = ContinuousClock.now
        let result = try await runner.run(sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(), cancellation: nil)
        #expect(result.rows == [[.integer(1)], [.integer(2)]])
        let polls = athena.calls("GetQueryExecution").map(\.at)
        #expect(polls.count == 6)
        let gaps = zip(polls.dropFirst(), polls).map { $0 - $1 }
        // Waits of 100, 200, 400, 800, 1000, 1000 ms: each gap at least its wait, and the later ones long.
        #expect(polls[0] - begin >= .milliseconds(95))
        #expect(gaps[0] >= .milliseconds(190) && gaps[1] >= .milliseconds(390) && gaps[2] >= .milliseconds(790))
        #expect(gaps[3] >= .milliseconds(990) && gaps[3] < .milliseconds(1900), "the wait stops growing at 1 s")
        let s = try #require(stats.withLock { $0.first })
        #expect(s == AthenaQueryStats(
            queryExecutionId: athena.executionId, state: "SUCCEEDED", dataScannedBytes: 4096, engineExecutionMillis: 321, polls: 6))
    }

    @Test func timeLimitStopsTheQueryAndFailsWithQueryTimeout() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(statuses: [.init(state: "RUNNING")])
        defer { athena.stop() }
        let runner = Self.runner(endpoint)
        let begin = ContinuousClock.now
        do {
            _ = try await runner.run(
                sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(timeout: .milliseconds(600)),
                cancellation: nil)
            Issue.record("no timeout")
        } catch let error as TableTalkError {
            #expect(error.kind == .queryTimeout)
            #expect(error.details["timeoutMs"] == "600")
        }
        #expect(ContinuousClock.now - begin < .seconds(3))
        let stops = athena.calls("StopQueryExecution")
        #expect(stops.count == 1)
        #expect(stops.first?.fields["QueryExecutionId"] as? String == athena.executionId)
        #expect(athena.calls("GetQueryResults").isEmpty)
    }

    @Test func cancellationFlagMidRunStopsTheQuery() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(statuses: [.init(state: "RUNNING")])
        defer { athena.stop() }
        let flag = CancellationFlag()
        let runner = Self.runner(endpoint)
        Task {
            try await Task.sleep(for: .milliseconds(400))
            flag.cancel()
        }
        let begin = ContinuousClock.now
        await #expect(throws: TableTalkError(.queryCancelled, "the query was cancelled")) {
            _ = try await runner.run(sql: "SELECT 1", database: "db", principal: Self.principal, options: QueryOptions(timeout: .seconds(20)), cancellation: flag)
        }
        #expect(ContinuousClock.now - begin < .seconds(3))
        #expect(athena.calls("StopQueryExecution").count == 1)
    }

    @Test func taskCancellationMidRunStopsTheQuery() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(statuses: [.init(state: "RUNNING")])
        defer { athena.stop() }
        let runner = Self.runner(endpoint)
        let task = Task {
            try await runner.run(sql: "SELECT 1", database: "db", principal: Self.principal, options: QueryOptions(timeout: .seconds(20)), cancellation: nil)
        }
        try await Task.sleep(for: .milliseconds(400))
        task.cancel()
        await #expect(throws: TableTalkError(.queryCancelled, "the query was cancelled")) { _ = try await task.value }
        #expect(athena.calls("StopQueryExecution").count == 1)
    }

    @Test(arguments: [
        (AthenaFakeServer.Status(state: "FAILED", reason: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.nope' does not exist", errorCategory: 2),
            TableTalkError.Kind.tableNotFound),
        (.init(state: "FAILED", reason: "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved", errorCategory: 2), .columnNotFound),
        (.init(state: "FAILED", reason: "SYNTAX_ERROR: line 1:10: mismatched input 'FORM'", errorCategory: 2), .sqlSyntax),
        (.init(state: "FAILED", reason: "Query exhausted resources at this scale factor", errorCategory: 1), .internalFailure),
        (.init(state: "CANCELLED", reason: "Query cancelled! : Bytes scanned limit was exceeded", scannedBytes: 10_485_760), .queryTooLarge),
        (.init(state: "FAILED", reason: "Bytes scanned limit was exceeded", errorCategory: 2), .queryTooLarge),
    ])
    func failuresCarryAthenasReason(_ status: AthenaFakeServer.Status, _ kind: TableTalkError.Kind) async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(statuses: [.init(state: "RUNNING"), status])
        defer { athena.stop() }
        let stats = Mutex<[AthenaQueryStats]>([])
        let runner = Self.runner(endpoint, polling: AthenaPolling(initial: .milliseconds(10)), onStatistics: { s in stats.withLock { $0.append(s) } })
        do {
            _ = try await runner.run(sql: "SELECT x FROM nope", database: "db", principal: Self.principal, options: QueryOptions(), cancellation: nil)
            Issue.record("no error")
        } catch let error as TableTalkError {
            #expect(error.kind == kind)
            #expect(error.message.contains(status.reason ?? "") || kind == .queryTooLarge)
            #expect(error.details["athenaReason"] == status.reason)
            #expect(error.details["queryExecutionId"] == athena.executionId)
            if kind == .queryTooLarge { #expect(error.details["reason"] == "scanned") }
        }
        #expect(stats.withLock { $0.map(\.state) } == [status.state])
        #expect(athena.calls("StopQueryExecution").isEmpty)
    }

    @Test func pagesFollowNextTokenAndLaterPagesResumeFromIt() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(
            statuses: [.init(state: "SUCCEEDED")], rows: (0..<7).map { [String($0)] })
        defer { athena.stop() }
        let runner = Self.runner(endpoint, pageSize: 2, polling: AthenaPolling(initial: .milliseconds(10)))
        let first = try await runner.run(
            sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(maxRows: 3), cancellation: nil)
        #expect(first.rows == [[.integer(0)], [.integer(1)], [.integer(2)]])
        #expect(first.truncated && first.nextOffset == 3)
        let reads = athena.calls("GetQueryResults").map(\.fields)
        #expect(reads.allSatisfy { ($0["MaxResults"] as? Int ?? 0) <= 2 })
        #expect(reads.map { $0["NextToken"] as? String } == [nil, "t2@1", "t4@1"])
        let next = try await runner.run(
            sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(maxRows: 3, offset: 3), cancellation: nil)
        #expect(next.rows == [[.integer(3)], [.integer(4)], [.integer(5)]])
        #expect(next.truncated && next.nextOffset == 6)
        let last = try await runner.run(
            sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(maxRows: 3, offset: 6), cancellation: nil)
        #expect(last.rows == [[.integer(6)]])
        #expect(!last.truncated)
        #expect(athena.calls("StartQueryExecution").count == 1, "later pages read the first execution's results")
        let laterReads = athena.calls("GetQueryResults").dropFirst(3).map { $0.fields["NextToken"] as? String }
        #expect(laterReads.first == "t4@1", "the page at offset 3 starts from the token recorded for it")
    }

    @Test func aRetriedStartKeepsItsClientRequestToken() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(statuses: [.init(state: "SUCCEEDED")], failStarts: 1)
        defer { athena.stop() }
        _ = try await Self.runner(endpoint, polling: AthenaPolling(initial: .milliseconds(10))).run(
            sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(), cancellation: nil)
        let starts = athena.calls("StartQueryExecution").map(\.fields)
        #expect(starts.count == 2)
        let tokens = starts.compactMap { $0["ClientRequestToken"] as? String }
        #expect(tokens.count == 2 && tokens[0] == tokens[1] && tokens[0].count >= 32)
        let config = starts[0]["ResultConfiguration"] as? [String: Any]
        #expect(config?["OutputLocation"] as? String == "s3://bucket/results/alice/")
        #expect((config?["EncryptionConfiguration"] as? [String: Any])?["EncryptionOption"] as? String == "SSE_S3")
        #expect(starts[0]["WorkGroup"] as? String == "tabletalk")
    }

    @Test func aStartRefusedForItsSyntaxIsSQLSyntaxAndOtherRefusalsAreInternal() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(statuses: [.init(state: "SUCCEEDED")])
        defer { athena.stop() }
        let runner = Self.runner(endpoint)
        athena.refuseStarts("InvalidRequestException", "line 1:8: mismatched input 'FORM'. Expecting: <expression>")
        do {
            _ = try await runner.run(sql: "SELECT n FORM t", database: "db", principal: Self.principal, options: QueryOptions(), cancellation: nil)
            Issue.record("no error")
        } catch let error as TableTalkError {
            #expect(error.kind == .sqlSyntax)
            #expect(error.message.contains("mismatched input 'FORM'"))
        }
        athena.refuseStarts("InvalidRequestException", "WorkGroup tabletalk is disabled.")
        do {
            _ = try await runner.run(sql: "SELECT n FROM t", database: "db", principal: Self.principal, options: QueryOptions(), cancellation: nil)
            Issue.record("no error")
        } catch let error as TableTalkError {
            #expect(error.kind == .internalFailure)
            #expect(error.details["awsCode"] == "InvalidRequestException")
        }
        #expect(athena.calls("GetQueryExecution").isEmpty)
    }

    @Test func aPageWhoseResultsAreNoLongerServedRunsTheQueryAgain() async throws {
        let (athena, endpoint) = try await AthenaFakeServer.start(
            statuses: [.init(state: "SUCCEEDED")], rows: (0..<5).map { [String($0)] })
        defer { athena.stop() }
        let runner = Self.runner(endpoint, pageSize: 2, polling: AthenaPolling(initial: .milliseconds(10)))
        let sql = "SELECT n FROM t"
        _ = try await runner.run(sql: sql, database: "db", principal: Self.principal, options: QueryOptions(maxRows: 2), cancellation: nil)
        athena.expireTokens()
        let next = try await runner.run(
            sql: sql, database: "db", principal: Self.principal, options: QueryOptions(maxRows: 2, offset: 2), cancellation: nil)
        #expect(next.rows == [[.integer(2)], [.integer(3)]])
        #expect(next.truncated)
        #expect(athena.calls("StartQueryExecution").count == 2)
    }

    @Test func statisticsAreRecordedUnderTheSharedMetricNames() {
        final class Collected: MetricsPublisher {
            let items = Mutex<[(String, Double, MetricUnit, [String: String])]>([])
            func record(name: String, value: Double, unit: MetricUnit, dimensions: [String: String]) {
                items.withLock { $0.append((name, value, unit, dimensions)) }
            }
            func flush() async {}
        }
        let metrics = Collected()
        AthenaQueryStats(queryExecutionId: "q", state: "SUCCEEDED", dataScannedBytes: 2048, engineExecutionMillis: 75).record(to: metrics)
        let items = metrics.items.withLock { $0 }
        #expect(items.map(\.0) == [MetricName.athenaBytesScanned, MetricName.athenaQueryTime])
        #expect(items.map(\.1) == [2048, 75])
        #expect(items.map(\.2) == [.bytes, .milliseconds])
        #expect(items.allSatisfy { $0.3 == ["State": "SUCCEEDED"] })
    }
}
