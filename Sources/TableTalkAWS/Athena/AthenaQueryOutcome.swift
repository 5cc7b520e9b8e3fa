public import TableTalkCore

/// A query's rows and, when it ran on Athena now (not read from a cursor of an earlier run), what it cost.
public struct AthenaQueryOutcome: Sendable {
    public var result: QueryResult
    public var stats: AthenaQueryStats?
    /// The Athena execution the rows came from.
    public var queryExecutionId: String

    public init(result: QueryResult, stats: AthenaQueryStats?, queryExecutionId: String) {
        self.result = result
        self.stats = stats
        self.queryExecutionId = queryExecutionId
    }
}
