public import TableTalkBroker
public import TableTalkCore

/// Forwards every finished request to a ``MetricsPublisher`` (CloudWatch in the AWS deployment): its latency in
/// milliseconds and whether it failed, per method. The same figures `monitoring.stats` and `/metrics` are built
/// from (the broker tells every observer the same thing), so CloudWatch and `/metrics` agree. Registered as a
/// capability with no methods of its own, so the broker hands it the requests like any other observer.
public struct MonitoringMetricsForwarder: Capability, RequestObserver {
    public let namespace = "metrics"
    public let publisher: any MetricsPublisher

    public init(publisher: any MetricsPublisher) { self.publisher = publisher }

    public func register(in registry: inout MethodRegistry) { registry.addObserver(self) }

    public func requestFinished(method: String, duration: Duration, errorCode: Int?) {
        let (seconds, atto) = duration.components
        let ms = Double(seconds) * 1000 + Double(atto) / 1e15
        let dimensions = ["Method": method]
        publisher.record(name: MetricName.requestLatency, value: ms, unit: .milliseconds, dimensions: dimensions)
        publisher.record(name: MetricName.requestErrors, value: errorCode == nil ? 0 : 1, unit: .count, dimensions: dimensions)
    }

    public func connectionsChanged(active: Int) {}
}
