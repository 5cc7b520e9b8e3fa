/// Settings of the query capability (the composition root fills them from `AppConfiguration`).
public struct QueryConfiguration: Sendable, Hashable {
    /// Row cap of a page when `query.run` gives no `maxRows`.
    public var defaultMaxRows: Int
    /// Largest `maxRows` honoured (larger requests are capped to it).
    public var maxRowsLimit: Int
    /// Wall-clock limit of one query (`queryTimeout` beyond it).
    public var timeout: Duration

    public init(defaultMaxRows: Int = 1000, maxRowsLimit: Int = 100_000, timeout: Duration = .seconds(10)) {
        self.defaultMaxRows = defaultMaxRows
        self.maxRowsLimit = maxRowsLimit
        self.timeout = timeout
    }
}
