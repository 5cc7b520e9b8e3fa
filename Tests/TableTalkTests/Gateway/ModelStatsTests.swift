import Foundation
import Synchronization
import Testing
import TableTalkBroker
import TableTalkMonitoring

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
}
