public import Foundation
public import TableTalkCore

/// Runs one guarded SQL statement on Athena and returns its rows as a ``QueryResult``: the guard
/// (``AthenaSQLGuard``) first, then `StartQueryExecution` in the configured workgroup (context database and
/// `AwsDataCatalog`, results under `<resultsPrefix>/<principal>/` with SSE-S3 or SSE-KMS, a `ClientRequestToken`
/// so a retried start is the same execution), `GetQueryExecution` polls with backoff until the query ends, then
/// `GetQueryResults` pages (header row skipped) mapped to our types, with the row cap (`maxRows`, `truncated`)
/// and `offset` paging (later pages read from the earlier execution: ``AthenaResultCursors``).
///
/// A cancelled ``CancellationFlag`` (`query.cancel`, `$/cancelRequest`) or Swift task, or `options.timeout`
/// passing, sends `StopQueryExecution` and fails with `queryCancelled` or `queryTimeout`. A query Athena fails or
/// cancels itself becomes the error ``AthenaFailure`` names (the bytes-scanned cutoff: `queryTooLarge`, reason
/// `scanned`). What each query cost goes to ``onStatistics``.
public struct AthenaQueryRunner: Sendable {
    public let client: AWSClient
    public let configuration: AthenaQueryConfiguration
    /// Called once per query run on Athena (not for pages read from a cursor) with what it scanned and took.
    public var onStatistics: (@Sendable (AthenaQueryStats) -> Void)?
    /// Called with the execution id as soon as Athena accepted the query (logs, tests).
    public var onStarted: (@Sendable (String) -> Void)?
    let cursors: AthenaResultCursors

    public init(
        client: AWSClient, configuration: AthenaQueryConfiguration,
        onStatistics: (@Sendable (AthenaQueryStats) -> Void)? = nil, onStarted: (@Sendable (String) -> Void)? = nil
    ) {
        self.client = client
        self.configuration = configuration
        self.onStatistics = onStatistics
        self.onStarted = onStarted
        cursors = AthenaResultCursors(lifetime: configuration.cursorLifetime)
    }

    /// Runs `sql` over `database` (the principal's Glue database) and returns one page of rows.
    public func run(
        sql: String, database: String, principal: Principal, options: QueryOptions, cancellation: CancellationFlag?
    ) async throws -> QueryResult {
        try await execute(sql: sql, database: database, principal: principal, options: options, cancellation: cancellation)
            .result
    }

    /// ``run(sql:database:principal:options:cancellation:)`` with the execution id and statistics.
    public func execute(
        sql: String, database: String, principal: Principal, options: QueryOptions, cancellation: CancellationFlag?
    ) async throws -> AthenaQueryOutcome {
        let statement = try AthenaSQLGuard(database: database).check(sql)
        try Self.checkCancelled(cancellation)
        let started = ContinuousClock.now
        let deadline = started + options.timeout
        let key = AthenaResultCursors.Key(principal: principal.id, database: database.lowercased(), sql: statement)
        if options.offset > 0, let resume = await cursors.resume(key, at: options.offset) {
            do {
                let page = try await read(resume, key: key, options: options, deadline: deadline, cancellation: cancellation)
                return AthenaQueryOutcome(
                    result: page.result(options: options, since: started), stats: nil, queryExecutionId: resume.queryExecutionId)
            } catch is AWSError {
                await cursors.forget(key)  // results no longer served: run the query again
            }
        }
        let id = try await start(statement, database: database, principal: principal)
        onStarted?(id)
        let (execution, polls) = try await waitForCompletion(
            id, deadline: deadline, timeout: options.timeout, cancellation: cancellation)
        let stats = Self.stats(execution, polls: polls)
        onStatistics?(stats)
        guard execution.Status.State == "SUCCEEDED" else {
            throw AthenaFailure.error(
                state: execution.Status.State, reason: execution.Status.StateChangeReason,
                athenaError: execution.Status.AthenaError, queryExecutionId: id)
        }
        await cursors.remember(key, queryExecutionId: id)
        let first = AthenaResultCursors.Resume(queryExecutionId: id, token: nil, offset: 0)
        do {
            let page = try await read(first, key: key, options: options, deadline: deadline, cancellation: cancellation)
            return AthenaQueryOutcome(result: page.result(options: options, since: started), stats: stats, queryExecutionId: id)
        } catch let error as AWSError {
            throw AthenaFailure.error(error, action: "GetQueryResults")
        }
    }

    /// `StartQueryExecution`; the execution id.
    func start(_ statement: String, database: String, principal: Principal) async throws -> String {
        let request = AthenaWire.StartQueryExecution(
            QueryString: statement, ClientRequestToken: UUID().uuidString,
            QueryExecutionContext: AthenaWire.ExecutionContext(Database: database, Catalog: configuration.catalog),
            ResultConfiguration: AthenaWire.ResultConfiguration(
                OutputLocation: configuration.outputLocation(for: principal),
                EncryptionConfiguration: configuration.encryption.wire),
            WorkGroup: configuration.workgroup)
        // The start is not cancelled with the caller: once sent, Athena may run the query whether or not we read
        // the reply, so we wait for its id and let the caller's cancellation stop that execution (waitForCompletion
        // sees the cancellation at once and sends StopQueryExecution).
        let client = self.client
        let starting = Task {
            try await client.json(.athena, action: "StartQueryExecution", request, as: AthenaWire.Started.self).QueryExecutionId
        }
        do {
            return try await starting.value
        } catch let error as AWSError {
            throw AthenaFailure.error(error, action: "StartQueryExecution")
        }
    }

    /// `StopQueryExecution`, sent from a task of its own so that it goes out even when the caller was cancelled.
    static func stop(_ id: String, client: AWSClient) async {
        await Task {
            _ = try? await client.json(
                .athena, action: "StopQueryExecution", AthenaWire.ExecutionId(QueryExecutionId: id), as: AthenaWire.Empty.self)
        }.value
    }

    static func stats(_ e: AthenaWire.QueryExecution, polls: Int) -> AthenaQueryStats {
        AthenaQueryStats(
            queryExecutionId: e.QueryExecutionId, state: e.Status.State,
            dataScannedBytes: e.Statistics?.DataScannedInBytes ?? 0,
            engineExecutionMillis: e.Statistics?.EngineExecutionTimeInMillis ?? 0,
            totalExecutionMillis: e.Statistics?.TotalExecutionTimeInMillis, polls: polls)
    }

    static func checkCancelled(_ flag: CancellationFlag?) throws {
        if flag?.isCancelled == true || Task.isCancelled { throw cancelledError() }
    }

    static func cancelledError() -> TableTalkError { TableTalkError(.queryCancelled, "the query was cancelled") }

    static func timeoutError(_ timeout: Duration) -> TableTalkError {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return TableTalkError(
            .queryTimeout, "the query ran longer than the limit of \(seconds) s and was stopped on Athena",
            details: ["timeoutMs": String(Int(seconds * 1000))])
    }
}
