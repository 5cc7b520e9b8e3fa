import Foundation
import Synchronization
import TableTalkBroker
import TableTalkProtocol

/// Evaluates ``AlertRules`` over the recorder's window and, when a rule starts or stops firing, sends
/// `monitoring.alert` to every connection and logs `alert.fired` / `alert.resolved` (``OperatorLog``).
/// Evaluation runs on a timer every `interval` seconds (so an alert fires or resolves with no request arriving),
/// and also after requests (at most once per `interval`). The timer stops when the monitor is released.
final class AlertMonitor: Sendable {
    let rules: AlertRules
    /// Weak: the recorder holds this monitor (its after-request hook), not the other way round.
    weak let recorder: StatsRecorder?
    /// Language model calls: a provider's error rate raises `modelErrorRate` (method `llm:<provider>/<model>`).
    let models: ModelStatsRecorder?
    let hub: ConnectionHub
    let interval: Double
    let log: OperatorLog?
    private let state = Mutex<(lastCheck: Double, firing: Set<String>)>((0, []))
    private let timer = Mutex<Task<Void, Never>?>(nil)

    init(
        rules: AlertRules, recorder: StatsRecorder, hub: ConnectionHub, interval: Double = 1, log: OperatorLog? = nil,
        models: ModelStatsRecorder? = nil
    ) {
        self.rules = rules
        self.recorder = recorder
        self.models = models
        self.hub = hub
        self.interval = interval
        self.log = log
    }

    deinit { timer.withLock { $0?.cancel() } }

    /// Starts evaluating every `interval` seconds (at most every 100 ms; requests still trigger it sooner); idempotent.
    func startTimer() {
        let period = Duration.milliseconds(max(100, Int(interval * 1000)))
        timer.withLock { t in
            guard t == nil else { return }
            t = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: period)
                    guard let self, self.recorder != nil else { return }
                    self.evaluateAndSend()
                }
            }
        }
    }

    func maybeEvaluate() {
        let now = Date().timeIntervalSince1970
        let due = state.withLock { s -> Bool in
            guard now - s.lastCheck >= interval else { return false }
            s.lastCheck = now
            return true
        }
        guard due else { return }
        evaluateAndSend()
    }

    /// Evaluates now; logs and sends the alerts whose state changed.
    func evaluateAndSend() {
        let alerts = evaluate()
        guard !alerts.isEmpty else { return }
        for a in alerts { log?.alert(a); hub.events.publish("monitoring.alert", principal: nil, data: a) }
        let hub = self.hub
        Task { for a in alerts { await hub.notify(a) } }
    }

    /// Returns the alerts whose state changed.
    func evaluate() -> [MonitoringAlertNotification] {
        guard let recorder else { return [] }
        let summaries = recorder.summary(window: rules.windowSeconds).filter { !$0.method.hasPrefix("monitoring.") }
        var current: [String: MonitoringAlertNotification] = [:]
        for s in summaries where s.count >= rules.minRequests {
            let rate = Double(s.errors) / Double(s.count)
            if rate > rules.errorRate {
                current["errorRate:\(s.method)"] = MonitoringAlertNotification(
                    rule: "errorRate", state: "firing", method: s.method, value: rate, threshold: rules.errorRate,
                    message: "\(s.method): \(Int(rate * 100))% of \(s.count) requests failed in the last \(Int(rules.windowSeconds)) s")
            }
            if s.p95 > rules.p95LatencyMs {
                current["p95Latency:\(s.method)"] = MonitoringAlertNotification(
                    rule: "p95Latency", state: "firing", method: s.method, value: s.p95, threshold: rules.p95LatencyMs,
                    message: "\(s.method): p95 latency \(Int(s.p95)) ms over \(Int(rules.p95LatencyMs)) ms")
            }
        }
        for m in models?.summary(window: rules.windowSeconds) ?? [] where m.count >= rules.minModelCalls {
            let rate = Double(m.errors) / Double(m.count)
            let name = "llm:\(m.key.provider)/\(m.key.model)"
            if rate > rules.errorRate {
                current["modelErrorRate:\(name)"] = MonitoringAlertNotification(
                    rule: "modelErrorRate", state: "firing", method: name, value: rate, threshold: rules.errorRate,
                    message: "\(m.key.provider) model \(m.key.model): \(Int(rate * 100))% of \(m.count) calls got no reply in the last \(Int(rules.windowSeconds)) s")
            }
        }
        return state.withLock { s -> [MonitoringAlertNotification] in
            var changed: [MonitoringAlertNotification] = []
            for (key, alert) in current where !s.firing.contains(key) { changed.append(alert) }
            for key in s.firing where current[key] == nil {
                let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
                changed.append(MonitoringAlertNotification(
                    rule: parts[0], state: "resolved", method: parts.count > 1 ? parts[1] : "*", value: 0,
                    threshold: parts[0] == "p95Latency" ? rules.p95LatencyMs : rules.errorRate,
                    message: "\(parts.count > 1 ? parts[1] : "*"): \(parts[0]) back under its threshold"))
            }
            s.firing = Set(current.keys)
            return changed
        }
    }
}
