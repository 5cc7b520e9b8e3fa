import Foundation
import Synchronization
import TableTalkBroker
import TableTalkProtocol

/// Evaluates ``AlertRules`` over the recorder's window (at most once per `interval` seconds, driven by
/// incoming requests) and sends `monitoring.alert` to every connection when a rule starts or stops firing.
final class AlertMonitor: Sendable {
    let rules: AlertRules
    let recorder: StatsRecorder
    let hub: ConnectionHub
    let interval: Double
    private let state = Mutex<(lastCheck: Double, firing: Set<String>)>((0, []))

    init(rules: AlertRules, recorder: StatsRecorder, hub: ConnectionHub, interval: Double = 1) {
        self.rules = rules
        self.recorder = recorder
        self.hub = hub
        self.interval = interval
    }

    func maybeEvaluate() {
        let now = Date().timeIntervalSince1970
        let due = state.withLock { s -> Bool in
            guard now - s.lastCheck >= interval else { return false }
            s.lastCheck = now
            return true
        }
        guard due else { return }
        let alerts = evaluate()
        guard !alerts.isEmpty else { return }
        let hub = self.hub
        Task { for a in alerts { await hub.notify(a) } }
    }

    /// Returns the alerts whose state changed.
    func evaluate() -> [MonitoringAlertNotification] {
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
        return state.withLock { s -> [MonitoringAlertNotification] in
            var changed: [MonitoringAlertNotification] = []
            for (key, alert) in current where !s.firing.contains(key) { changed.append(alert) }
            for key in s.firing where current[key] == nil {
                let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
                changed.append(MonitoringAlertNotification(
                    rule: parts[0], state: "resolved", method: parts.count > 1 ? parts[1] : "*", value: 0,
                    threshold: parts[0] == "errorRate" ? rules.errorRate : rules.p95LatencyMs,
                    message: "\(parts.count > 1 ? parts[1] : "*"): \(parts[0]) back under its threshold"))
            }
            s.firing = Set(current.keys)
            return changed
        }
    }
}
