public import TableTalkBroker
import Synchronization
import TableTalkProtocol

/// The `monitoring` namespace: `monitoring.health`, `monitoring.stats` and `monitoring.alert` notifications.
public struct MonitoringCapability: Capability {
    public let namespace = "monitoring"
    public let recorder: StatsRecorder
    /// Calls to language models, recorded by the translator (composition root wires it).
    public let models = ModelStatsRecorder()
    let alerts: AlertMonitor
    let version: String
    let checks: [any HealthCheck]
    let log: OperatorLog?

    /// - Parameters:
    ///   - hub: where alerts go (every live connection).
    ///   - rules: alert thresholds.
    ///   - checks: dependency checks reported by `monitoring.health`.
    ///   - log: the operator log (failed requests, uploads, plugins, alerts); nil logs nothing.
    public init(
        recorder: StatsRecorder = StatsRecorder(), hub: ConnectionHub, rules: AlertRules = .init(), version: String,
        checks: [any HealthCheck] = [], log: OperatorLog? = nil
    ) {
        self.checks = checks
        self.recorder = recorder
        self.log = log
        self.alerts = AlertMonitor(rules: rules, recorder: recorder, hub: hub, interval: rules.evaluationInterval, log: log, models: models)
        self.version = version
        let alerts = self.alerts
        // The recorder keeps the monitor (the monitor holds it weakly): both go, and the timer stops, with the broker.
        recorder.afterRecord.withLock { $0 = StatsRecorder.Hook { alerts.maybeEvaluate() } }
        alerts.startTimer()
    }

    /// Prometheus text for `/metrics`.
    public func prometheusText() -> String { PrometheusRenderer.render(recorder) + PrometheusRenderer.render(models) }

    public func register(in registry: inout MethodRegistry) {
        registry.addObserver(recorder)
        if let log { registry.addObserver(log) }
        registry.emits(MonitoringAlertNotification.self)
        let recorder = self.recorder
        let models = self.models
        let version = self.version
        registry.register(MonitoringStatsRequest.self) { request, _ in
            let window = max(1, min(request.windowSeconds ?? 300, Int(recorder.retention)))
            let rows = recorder.summary(window: Double(window))
            var stats = MonitoringStats(
                windowSeconds: window, totalRequests: rows.reduce(0) { $0 + $1.count },
                totalErrors: rows.reduce(0) { $0 + $1.errors }, activeConnections: recorder.activeConnections,
                methods: rows.map {
                    .init(method: $0.method, count: $0.count, errors: $0.errors, p50Ms: $0.p50, p95Ms: $0.p95, p99Ms: $0.p99)
                })
            let calls = models.summary(window: Double(window))
            if !calls.isEmpty {
                stats.models = calls.map {
                    .init(
                        provider: $0.key.provider, model: $0.key.model, count: $0.count, errors: $0.errors, p50Ms: $0.p50,
                        p95Ms: $0.p95, inputTokens: $0.inputTokens, outputTokens: $0.outputTokens)
                }
            }
            return stats
        }
        let checks = self.checks
        registry.register(MonitoringHealthRequest.self) { _, _ in
            var results: [MonitoringHealth.Check] = []
            for c in checks {
                let r = await c.check()
                results.append(.init(name: c.name, status: r.status, detail: r.detail))
            }
            let status = results.allSatisfy { $0.status == "ok" } ? "ok" : results.contains { $0.status == "failing" } ? "failing" : "degraded"
            return MonitoringHealth(status: status, version: version, uptimeSeconds: recorder.uptimeSeconds, checks: results)
        }
    }
}
