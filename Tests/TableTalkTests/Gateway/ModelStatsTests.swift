import Foundation
import Synchronization
import Testing
import Logging
import TableTalkBroker
import TableTalkMonitoring
import TableTalkProtocol
import TableTalkTestSupport

/// Language model calls per provider and model (issue 12): counts, errors, p50/p95 and tokens over a window, and
/// the same as Prometheus counters.
@Suite struct ModelStatsTests {
    @Test func callsAreSummedPerModelOverTheWindow() {
        let now = Mutex(1000.0)
        let models = ModelStatsRecorder(retention: 3600, clock: { now.withLock { $0 } })
        for ms in [100.0, 200, 300, 400] {
            models.record(provider: "openai", model: "llama3.1", latencyMs: ms, error: nil, inputTokens: 50, outputTokens: 10)
        }
        models.record(provider: "openai", model: "llama3.1", latencyMs: 5000, error: "timeout", inputTokens: 0, outputTokens: 0)
        models.record(provider: "bedrock", model: "amazon.nova-lite-v1:0", latencyMs: 80, error: nil, inputTokens: 7, outputTokens: 3)
        let rows = models.summary(window: 300)
        #expect(rows.map(\.key.provider) == ["bedrock", "openai"])
        let llama = rows[1]
        #expect(llama.count == 5)
        #expect(llama.errors == 1)
        #expect(llama.p50 == 300)
        #expect(llama.p95 == 5000)
        #expect(llama.inputTokens == 200)
        #expect(llama.outputTokens == 40)
        now.withLock { $0 += 301 }
        #expect(models.summary(window: 300).isEmpty, "older than the window")
    }

    @Test func metricsHaveModelCountersAndPercentiles() {
        let monitoring = MonitoringCapability(hub: ConnectionHub(), version: "test")
        #expect(!monitoring.prometheusText().contains("tabletalk_model_"), "nothing before the first call")
        monitoring.models.record(provider: "openai", model: "m\"x", latencyMs: 120, error: nil, inputTokens: 11, outputTokens: 4)
        monitoring.models.record(provider: "openai", model: "m\"x", latencyMs: 80, error: "unavailable", inputTokens: 0, outputTokens: 0)
        let text = monitoring.prometheusText()
        #expect(text.contains(#"tabletalk_model_requests_total{provider="openai",model="m\"x"} 2"#))
        #expect(text.contains(#"tabletalk_model_errors_total{provider="openai",model="m\"x"} 1"#))
        #expect(text.contains(#"tabletalk_model_tokens_total{provider="openai",model="m\"x",direction="in"} 11"#))
        #expect(text.contains(#"tabletalk_model_tokens_total{provider="openai",model="m\"x",direction="out"} 4"#))
        #expect(text.contains(#"tabletalk_model_latency_window_ms{provider="openai",model="m\"x",quantile="0.95"} 120.0"#))
    }

    @Test func aModelsErrorRateFiresAnAlertAndResolves() async throws {
        let hub = ConnectionHub()
        var rules = AlertRules(errorRate: 0.5, p95LatencyMs: 10_000, minRequests: 1000, windowSeconds: 3600, evaluationInterval: 0)
        rules.minModelCalls = 4
        let monitoring = MonitoringCapability(hub: hub, rules: rules, version: "test")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let watcher = try await TestClient.initialized(broker: Broker(capabilities: [monitoring], hub: hub, logger: logger))
        for _ in 0..<3 {
            monitoring.models.record(provider: "openai", model: "llama3.1", latencyMs: 30_000, error: "timeout", inputTokens: 0, outputTokens: 0)
        }
        _ = try await watcher.call(PingRequest())
        monitoring.models.record(provider: "openai", model: "llama3.1", latencyMs: 900, error: nil, inputTokens: 10, outputTokens: 2)
        _ = try await watcher.call(PingRequest())  // evaluated after each request
        let alert = try await watcher.sink.first { $0["method"] == "monitoring.alert" }
        #expect(alert["params"]?["rule"] == "modelErrorRate")
        #expect(alert["params"]?["state"] == "firing")
        #expect(alert["params"]?["method"] == "llm:openai/llama3.1")
        #expect(alert["params"]?["value"] == .double(0.75))
        for _ in 0..<6 {
            monitoring.models.record(provider: "openai", model: "llama3.1", latencyMs: 900, error: nil, inputTokens: 10, outputTokens: 2)
        }
        _ = try await watcher.call(PingRequest())
        let resolved = try await watcher.sink.first { $0["method"] == "monitoring.alert" && $0["params"]?["state"] == "resolved" }
        #expect(resolved["params"]?["method"] == "llm:openai/llama3.1")
        #expect(resolved["params"]?["threshold"] == .double(0.5))
    }
}
