import Foundation

/// Renders the recorder's figures in the Prometheus text format for `GET /metrics`.
/// Labels are method names from the registry (unknown methods are one `(unknown)` label), never user text.
enum PrometheusRenderer {
    static func render(_ recorder: StatsRecorder, window: Double = 300) -> String {
        var out = ""
        func line(_ s: String) { out += s + "\n" }
        let totals = recorder.totals()
        line("# HELP tabletalk_requests_total JSON-RPC requests answered, by method.")
        line("# TYPE tabletalk_requests_total counter")
        for t in totals { line("tabletalk_requests_total{method=\"\(esc(t.method))\"} \(t.total)") }
        line("# HELP tabletalk_request_errors_total JSON-RPC requests answered with an error, by method.")
        line("# TYPE tabletalk_request_errors_total counter")
        for t in totals { line("tabletalk_request_errors_total{method=\"\(esc(t.method))\"} \(t.errors)") }
        line("# HELP tabletalk_request_duration_seconds Request latency, by method.")
        line("# TYPE tabletalk_request_duration_seconds histogram")
        for t in totals {
            for (i, bound) in StatsRecorder.bucketBounds.enumerated() {
                line("tabletalk_request_duration_seconds_bucket{method=\"\(esc(t.method))\",le=\"\(bound)\"} \(t.buckets[i])")
            }
            line("tabletalk_request_duration_seconds_bucket{method=\"\(esc(t.method))\",le=\"+Inf\"} \(t.total)")
            line("tabletalk_request_duration_seconds_sum{method=\"\(esc(t.method))\"} \(t.sum)")
            line("tabletalk_request_duration_seconds_count{method=\"\(esc(t.method))\"} \(t.total)")
        }
        line("# HELP tabletalk_request_latency_window_ms Latency percentiles over the last \(Int(window)) s, by method.")
        line("# TYPE tabletalk_request_latency_window_ms gauge")
        for s in recorder.summary(window: window) {
            for (q, v) in [("0.5", s.p50), ("0.95", s.p95), ("0.99", s.p99)] {
                line("tabletalk_request_latency_window_ms{method=\"\(esc(s.method))\",quantile=\"\(q)\"} \(v)")
            }
        }
        line("# HELP tabletalk_active_connections Sessions currently initialized.")
        line("# TYPE tabletalk_active_connections gauge")
        line("tabletalk_active_connections \(recorder.activeConnections)")
        line("# HELP tabletalk_uptime_seconds Seconds since the server started.")
        line("# TYPE tabletalk_uptime_seconds gauge")
        line("tabletalk_uptime_seconds \(recorder.uptimeSeconds)")
        return out
    }

    /// Language model calls per provider and model: counters since start and latency percentiles over `window`.
    static func render(_ models: ModelStatsRecorder, window: Double = 300) -> String {
        let totals = models.totals()
        guard !totals.isEmpty else { return "" }
        var out = ""
        func line(_ s: String) { out += s + "\n" }
        func labels(_ k: ModelStatsRecorder.Key) -> String { "provider=\"\(esc(k.provider))\",model=\"\(esc(k.model))\"" }
        line("# HELP tabletalk_model_requests_total Calls to a language model, by provider and model.")
        line("# TYPE tabletalk_model_requests_total counter")
        for t in totals { line("tabletalk_model_requests_total{\(labels(t.key))} \(t.total)") }
        line("# HELP tabletalk_model_errors_total Calls to a language model that got no reply, by provider and model.")
        line("# TYPE tabletalk_model_errors_total counter")
        for t in totals { line("tabletalk_model_errors_total{\(labels(t.key))} \(t.errors)") }
        line("# HELP tabletalk_model_tokens_total Tokens the provider reported, by direction (in: prompt, out: reply).")
        line("# TYPE tabletalk_model_tokens_total counter")
        for t in totals {
            line("tabletalk_model_tokens_total{\(labels(t.key)),direction=\"in\"} \(t.inputTokens)")
            line("tabletalk_model_tokens_total{\(labels(t.key)),direction=\"out\"} \(t.outputTokens)")
        }
        line("# HELP tabletalk_model_latency_window_ms Model call latency percentiles over the last \(Int(window)) s.")
        line("# TYPE tabletalk_model_latency_window_ms gauge")
        for s in models.summary(window: window) {
            for (q, v) in [("0.5", s.p50), ("0.95", s.p95)] {
                line("tabletalk_model_latency_window_ms{\(labels(s.key)),quantile=\"\(q)\"} \(v)")
            }
        }
        return out
    }

    private static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
