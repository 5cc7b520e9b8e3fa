import Foundation
import TableTalkApp
import Logging
import Testing
import TableTalkBroker
import TableTalkMonitoring
import TableTalkProtocol
import TableTalkTestSupport
import Synchronization

/// `monitoring.*`: stats over a window, health checks, alerts when thresholds are crossed, Prometheus text.
@Suite struct MonitoringTests {
    func broker(rules: AlertRules) -> (Broker, MonitoringCapability) {
        let hub = ConnectionHub()
        let monitoring = MonitoringCapability(hub: hub, rules: rules, version: "test")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return (Broker(capabilities: [monitoring], hub: hub, logger: logger), monitoring)
    }

    @Test func statsCountRequestsErrorsAndPercentiles() async throws {
        let (broker, _) = broker(rules: .init())
        let client = try await TestClient.initialized(broker: broker)
        for _ in 0..<5 { _ = try await client.call(PingRequest()) }
        _ = try await client.callRaw(method: "nope.nope")
        let stats = try await client.call(MonitoringStatsRequest(windowSeconds: 60))
        let ping = try #require(stats.methods.first { $0.method == "ping" })
        #expect(ping.count == 5)
        #expect(ping.errors == 0)
        #expect(ping.p50Ms <= ping.p95Ms && ping.p95Ms <= ping.p99Ms)
        #expect(stats.methods.first { $0.method == "(unknown)" }?.errors == 1)
        #expect(stats.activeConnections == 1)
    }

    @Test func alertFiresAndResolvesForEveryConnection() async throws {
        let rules = AlertRules(errorRate: 0.5, p95LatencyMs: 10_000, minRequests: 5, windowSeconds: 3600, evaluationInterval: 0)
        let (broker, _) = broker(rules: rules)
        let watcher = try await TestClient.initialized(broker: broker)
        let client = try await TestClient.initialized(broker: broker)
        for _ in 0..<6 { _ = try await client.callRaw(method: "bad.method") }
        let alert = try await watcher.sink.first { $0["method"] == "monitoring.alert" }
        #expect(alert["params"]?["rule"] == "errorRate")
        #expect(alert["params"]?["state"] == "firing")
        #expect(alert["params"]?["method"] == "(unknown)")
        _ = try await client.sink.first { $0["method"] == "monitoring.alert" }
    }

    @Test func prometheusTextHasCountersHistogramsAndGauges() async throws {
        let (broker, monitoring) = broker(rules: .init())
        let client = try await TestClient.initialized(broker: broker)
        _ = try await client.call(PingRequest())
        let text = monitoring.prometheusText()
        #expect(text.contains(#"tabletalk_requests_total{method="ping"}"#))
        #expect(text.contains(#"tabletalk_request_duration_seconds_bucket{method="ping",le="+Inf"}"#))
        #expect(text.contains("tabletalk_active_connections 1"))
        #expect(text.contains("# TYPE tabletalk_requests_total counter"))
    }

    @Test func healthReportsChecks() async throws {
        let rt = try TestRuntime.make()
        let client = try await TestClient.initialized(broker: rt.broker)
        let health = try await client.call(MonitoringHealthRequest())
        #expect(health.status == "ok")
        #expect(health.checks.contains { $0.name == "dataDir" && $0.status == "ok" })
    }

    @Test func healthReflectsFreeDiskSpace() async throws {
        let rt = try TestRuntime.make { $0.minFreeDiskBytes = .max }
        let client = try await TestClient.initialized(broker: rt.broker)
        let health = try await client.call(MonitoringHealthRequest())
        #expect(health.status == "degraded")
        #expect(health.checks.first { $0.name == "dataDir" }?.detail?.contains("bytes free") == true)
        let full = DataDirCheck(dataDir: rt.configuration.dataDir, minFreeBytes: 1 << 20, freeBytes: { _ in 0 })
        #expect(await full.check().status == "failing")
        let low = DataDirCheck(dataDir: rt.configuration.dataDir, minFreeBytes: 1 << 20, freeBytes: { _ in 1000 })
        #expect(await low.check().status == "degraded")
    }

    @Test func alertsAreEvaluatedOnATimerLoggedAndResolveWithoutTraffic() async throws {
        let now = Mutex<Double>(1_000)
        let recorder = StatsRecorder(clock: { now.withLock { $0 } })
        let lines = LogLines()
        let hub = ConnectionHub()
        let rules = AlertRules(errorRate: 0.5, p95LatencyMs: 10_000, minRequests: 3, windowSeconds: 10, evaluationInterval: 0.02)
        let monitoring = MonitoringCapability(
            recorder: recorder, hub: hub, rules: rules, version: "test", log: OperatorLog(logger: lines.logger()))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let broker = Broker(capabilities: [monitoring], hub: hub, logger: logger)
        let watcher = try await TestClient.initialized(broker: broker)
        for _ in 0..<4 { recorder.requestFinished(method: "query.run", duration: .milliseconds(1), errorCode: 2002) }
        let fired = await lines.wait(for: "alert.fired")
        #expect(fired.first?["rule"] == "errorRate" && fired.first?["method"] == "query.run")
        // The window moves past the failures while no request arrives: the timer resolves the alert.
        now.withLock { $0 += 60 }
        let resolved = await lines.wait(for: "alert.resolved")
        #expect(resolved.first?["method"] == "query.run")
        let note = try await watcher.sink.first(where: { $0["params"]?["state"] == "resolved" }, timeout: .seconds(20))
        #expect(note["method"] == "monitoring.alert")
        _ = monitoring
    }
}
