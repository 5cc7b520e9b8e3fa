public import Foundation
import Synchronization

/// Records every call to a language model (provider, model, latency, error, tokens) for `monitoring.stats` and
/// `/metrics`. Labels are the configured provider and model names, never user text. Samples are kept for
/// `retention` seconds (at most `maxSamples` per model); totals since start are kept forever.
public final class ModelStatsRecorder: Sendable {
    struct Sample {
        var time: Double
        var ms: Double
        var error: Bool
        var inputTokens: Int
        var outputTokens: Int
    }

    struct Series {
        var samples: [Sample] = []
        var total = 0
        var errors = 0
        var inputTokens = 0
        var outputTokens = 0
    }

    /// A provider and model pair.
    public struct Key: Hashable, Sendable, Comparable {
        public var provider: String
        public var model: String
        public static func < (a: Key, b: Key) -> Bool { (a.provider, a.model) < (b.provider, b.model) }
    }

    public let retention: Double
    public let maxSamples: Int
    private let state = Mutex<[Key: Series]>([:])
    private let clock: @Sendable () -> Double

    public init(retention: Double = 3600, maxSamples: Int = 5000, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.retention = retention
        self.maxSamples = maxSamples
        self.clock = clock
    }

    /// One finished model call; `error` is nil when the model answered.
    public func record(provider: String, model: String, latencyMs: Double, error: String?, inputTokens: Int, outputTokens: Int) {
        let now = clock()
        let sample = Sample(time: now, ms: latencyMs, error: error != nil, inputTokens: inputTokens, outputTokens: outputTokens)
        let (cap, horizon) = (maxSamples, now - retention)
        state.withLock { all in
            var s = all[Key(provider: provider, model: model), default: Series()]
            s.total += 1
            if error != nil { s.errors += 1 }
            s.inputTokens += inputTokens
            s.outputTokens += outputTokens
            s.samples.removeAll { $0.time < horizon }
            if s.samples.count >= cap { s.samples.removeFirst(s.samples.count - cap + 1) }
            s.samples.append(sample)
            all[Key(provider: provider, model: model)] = s
        }
    }

    /// Figures for one model over a window.
    public struct Summary: Sendable, Hashable {
        public var key: Key
        public var count: Int
        public var errors: Int
        public var p50: Double
        public var p95: Double
        public var inputTokens: Int
        public var outputTokens: Int
    }

    /// Per model over the last `window` seconds.
    public func summary(window: Double) -> [Summary] {
        let since = clock() - min(window, retention)
        let snapshot = state.withLock { all in all.mapValues { $0.samples.filter { $0.time >= since } } }
        return snapshot.compactMap { key, samples in
            guard !samples.isEmpty else { return nil }
            let sorted = samples.map(\.ms).sorted()
            return Summary(
                key: key, count: samples.count, errors: samples.filter(\.error).count,
                p50: StatsRecorder.percentile(sorted, 0.5), p95: StatsRecorder.percentile(sorted, 0.95),
                inputTokens: samples.reduce(0) { $0 + $1.inputTokens }, outputTokens: samples.reduce(0) { $0 + $1.outputTokens })
        }.sorted { $0.key < $1.key }
    }

    /// Totals since start, for Prometheus counters.
    func totals() -> [(key: Key, total: Int, errors: Int, inputTokens: Int, outputTokens: Int)] {
        state.withLock { all in all.map { ($0.key, $0.value.total, $0.value.errors, $0.value.inputTokens, $0.value.outputTokens) } }
            .sorted { $0.key < $1.key }
    }
}
