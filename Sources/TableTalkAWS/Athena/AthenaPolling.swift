/// The pace of `GetQueryExecution` polls: the first wait is ``initial``, each next one doubles up to ``maximum``,
/// so a short query is seen finished within ~100 ms and a long one costs one call a second.
public struct AthenaPolling: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(1)) {
        self.initial = initial
        self.maximum = max(maximum, initial)
    }

    /// The wait before poll number `attempt` (1-based).
    public func delay(beforePoll attempt: Int) -> Duration {
        var d = initial
        var n = 1
        while n < attempt, d < maximum {
            d = min(d * 2, maximum)
            n += 1
        }
        return d
    }
}
