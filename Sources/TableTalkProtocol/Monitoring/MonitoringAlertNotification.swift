/// `monitoring.alert` (server → client): a threshold was crossed (`firing`) or recovered (`resolved`).
public struct MonitoringAlertNotification: RPCNotification, Hashable {
    public static let method = "monitoring.alert"
    /// `errorRate` or `p95Latency`.
    public var rule: String
    /// `firing` or `resolved`.
    public var state: String
    /// The method the figure is about, or `*` for all.
    public var method: String
    public var value: Double
    public var threshold: Double
    public var message: String
    public init(rule: String, state: String, method: String, value: Double, threshold: Double, message: String) {
        self.rule = rule
        self.state = state
        self.method = method
        self.value = value
        self.threshold = threshold
        self.message = message
    }
}
