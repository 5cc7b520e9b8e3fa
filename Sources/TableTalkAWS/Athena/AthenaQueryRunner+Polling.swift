import TableTalkCore

extension AthenaQueryRunner {
    /// The deadline passed while the query was still queued or running.
    struct DeadlinePassed: Error {
        var last: AthenaWire.QueryExecution?
        var polls: Int
    }

    /// Polls `GetQueryExecution` (waits from ``AthenaPolling``) until the query is SUCCEEDED, FAILED or CANCELLED.
    /// Cancellation (flag or task) and the deadline stop the query on Athena before the error is thrown.
    func waitForCompletion(
        _ id: String, deadline: ContinuousClock.Instant, timeout: Duration, cancellation: CancellationFlag?
    ) async throws
        -> (AthenaWire.QueryExecution, Int)
    {
        let client = self.client
        let polling = configuration.polling
        let poller = Task { try await Self.poll(id, client: client, polling: polling, deadline: deadline) }
        cancellation?.onCancel { poller.cancel() }
        let outcome = await withTaskCancellationHandler { await poller.result } onCancel: { poller.cancel() }
        switch outcome {
        case .success(let done):
            return done
        case .failure(let passed as DeadlinePassed):
            await Self.stop(id, client: client)
            if let last = passed.last {
                var stats = Self.stats(last, polls: passed.polls)
                stats.state = "CANCELLED"
                onStatistics?(stats)
            }
            throw Self.timeoutError(timeout)
        case .failure(let error):
            await Self.stop(id, client: client)
            if error is CancellationError || cancellation?.isCancelled == true || Task.isCancelled {
                throw Self.cancelledError()
            }
            if let aws = error as? AWSError { throw AthenaFailure.error(aws, action: "GetQueryExecution") }
            throw error
        }
    }

    static func poll(_ id: String, client: AWSClient, polling: AthenaPolling, deadline: ContinuousClock.Instant) async throws
        -> (AthenaWire.QueryExecution, Int)
    {
        var polls = 0
        var last: AthenaWire.QueryExecution?
        while true {
            let left = deadline - ContinuousClock.now
            if left <= .zero { throw DeadlinePassed(last: last, polls: polls) }
            try await Task.sleep(for: min(polling.delay(beforePoll: polls + 1), left))
            if ContinuousClock.now >= deadline { throw DeadlinePassed(last: last, polls: polls) }
            polls += 1
            // A poll in flight is finished, not cut off: cancellation takes effect at the next wait.
            let reply = try await Task {
                try await client.json(
                    .athena, action: "GetQueryExecution", AthenaWire.ExecutionId(QueryExecutionId: id),
                    as: AthenaWire.GetQueryExecutionReply.self)
            }.value
            try Task.checkCancellation()
            last = reply.QueryExecution
            if ["SUCCEEDED", "FAILED", "CANCELLED"].contains(reply.QueryExecution.Status.State) {
                return (reply.QueryExecution, polls)
            }
        }
    }
}
