/// Thresholds that raise `monitoring.alert` (configurable; see README "Configuration").
public struct AlertRules: Sendable, Hashable {
    /// Error share (0–1) over `windowSeconds` above which an alert fires.
    public var errorRate: Double
    /// p95 latency in milliseconds above which an alert fires.
    public var p95LatencyMs: Double
    /// Fewer requests than this in the window never fire (avoids alerts on one failure).
    public var minRequests: Int
    /// Fewer language model calls than this in the window never fire `modelErrorRate` (models are called less).
    public var minModelCalls = 5
    public var windowSeconds: Double
    /// Rules are evaluated every this many seconds on a timer (and after requests, at most this often).
    public var evaluationInterval: Double

    public init(
        errorRate: Double = 0.5, p95LatencyMs: Double = 2000, minRequests: Int = 20, windowSeconds: Double = 60,
        evaluationInterval: Double = 1
    ) {
        self.evaluationInterval = evaluationInterval
        self.errorRate = errorRate
        self.p95LatencyMs = p95LatencyMs
        self.minRequests = minRequests
        self.windowSeconds = windowSeconds
    }
}
