public import Foundation
import Synchronization
public import TableTalkBroker

/// Records every finished request (method, latency, error) for `monitoring.stats`, alerts and `/metrics`.
/// Samples are kept for `retention` seconds (at most `maxSamplesPerMethod` each); totals since start are kept forever.
public final class StatsRecorder: RequestObserver, Sendable {
    struct Sample {
        var time: Double
        var ms: Double
        var error: Bool
    }

    struct MethodSeries {
        var samples: [Sample] = []
        var start = 0  // ring start when full
        var total = 0
        var errors = 0
        var sumSeconds = 0.0
        var buckets = [Int](repeating: 0, count: StatsRecorder.bucketBounds.count)

        mutating func record(_ sample: Sample, seconds: Double, cap: Int) {
            total += 1
            if sample.error { errors += 1 }
            sumSeconds += seconds
            for (i, b) in StatsRecorder.bucketBounds.enumerated() where seconds <= b { buckets[i] += 1 }
            if samples.count < cap {
                samples.append(sample)
            } else {
                samples[start] = sample
                start = (start + 1) % cap
            }
        }
    }

    struct State {
        var series: [String: MethodSeries] = [:]
        var activeConnections = 0
    }

    static let bucketBounds: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    public let retention: Double
    public let maxSamplesPerMethod: Int
    let startedAt = Date()
    private let state = Mutex(State())
    private let clock: @Sendable () -> Double
    /// Called after each request (alert evaluation); must be cheap. Held in a class: a closure stored directly
    /// in a `Mutex` is re-wrapped in a reabstraction thunk on every read, making each call deeper than the last.
    let afterRecord = Mutex<Hook?>(nil)

    final class Hook: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    public init(retention: Double = 3600, maxSamplesPerMethod: Int = 20_000, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.retention = retention
        self.maxSamplesPerMethod = maxSamplesPerMethod
        self.clock = clock
    }

    public func requestFinished(method: String, duration: Duration, errorCode: Int?) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let now = clock()
        let sample = Sample(time: now, ms: seconds * 1000, error: errorCode != nil)
        let cap = maxSamplesPerMethod
        // Mutate the series in place (a copy out of the dictionary would copy its samples on every request).
        state.withLock { s in s.series[method, default: MethodSeries()].record(sample, seconds: seconds, cap: cap) }
        afterRecord.withLock { $0 }?.run()
    }

    public func connectionsChanged(active: Int) {
        state.withLock { $0.activeConnections = active }
    }

    public var uptimeSeconds: Double { Date().timeIntervalSince(startedAt) }
    public var activeConnections: Int { state.withLock { $0.activeConnections } }

    /// Summary per method over the last `window` seconds.
    public func summary(window: Double) -> [WindowSummary] {
        let since = clock() - min(window, retention)
        let snapshot = state.withLock { s in s.series.mapValues { $0.samples.filter { $0.time >= since } } }
        return snapshot.compactMap { method, samples in
            guard !samples.isEmpty else { return nil }
            let sorted = samples.map(\.ms).sorted()
            return WindowSummary(
                method: method, count: samples.count, errors: samples.filter(\.error).count,
                p50: Self.percentile(sorted, 0.50), p95: Self.percentile(sorted, 0.95), p99: Self.percentile(sorted, 0.99))
        }.sorted { $0.method < $1.method }
    }

    /// Totals since start, for Prometheus counters and histograms.
    func totals() -> [(method: String, total: Int, errors: Int, sum: Double, buckets: [Int])] {
        state.withLock { s in
            s.series.map { ($0.key, $0.value.total, $0.value.errors, $0.value.sumSeconds, $0.value.buckets) }
        }.sorted { $0.method < $1.method }
    }

    /// Nearest-rank percentile of an ascending array.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
}

/// Figures for one method over a window.
public struct WindowSummary: Sendable, Hashable {
    public var method: String
    public var count: Int
    public var errors: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double
}
