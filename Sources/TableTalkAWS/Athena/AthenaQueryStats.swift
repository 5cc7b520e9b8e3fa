public import TableTalkCore

/// What one Athena query cost, for metrics (CloudWatch) and logs: data scanned, engine time, polls made.
public struct AthenaQueryStats: Sendable, Hashable {
    public var queryExecutionId: String
    /// The final state: SUCCEEDED, FAILED or CANCELLED.
    public var state: String
    public var dataScannedBytes: Int64
    public var engineExecutionMillis: Int64
    public var totalExecutionMillis: Int64?
    /// `GetQueryExecution` calls made while waiting.
    public var polls: Int

    public init(
        queryExecutionId: String, state: String, dataScannedBytes: Int64 = 0, engineExecutionMillis: Int64 = 0,
        totalExecutionMillis: Int64? = nil, polls: Int = 0
    ) {
        self.queryExecutionId = queryExecutionId
        self.state = state
        self.dataScannedBytes = dataScannedBytes
        self.engineExecutionMillis = engineExecutionMillis
        self.totalExecutionMillis = totalExecutionMillis
        self.polls = polls
    }
}

extension AthenaQueryStats {
    /// Records this query's figures under the shared names (``MetricName/athenaBytesScanned``,
    /// ``MetricName/athenaQueryTime``) with its final state as dimension `State`, so the composition root hooks
    /// the runner to CloudWatch with `onStatistics: { $0.record(to: metrics) }`.
    public func record(to metrics: any MetricsPublisher) {
        let dimensions = ["State": state]
        metrics.record(name: MetricName.athenaBytesScanned, value: Double(dataScannedBytes), unit: .bytes, dimensions: dimensions)
        metrics.record(name: MetricName.athenaQueryTime, value: Double(engineExecutionMillis), unit: .milliseconds, dimensions: dimensions)
    }
}
