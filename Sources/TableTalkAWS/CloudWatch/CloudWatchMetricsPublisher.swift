public import Foundation
public import Logging
import Synchronization
public import TableTalkCore

/// Publishes metrics to CloudWatch with `PutMetricData` (query protocol).
///
/// Why PutMetricData rather than Embedded Metric Format log lines: EMF only becomes metrics where a log agent
/// (Lambda, the ECS/EC2 CloudWatch agent) forwards stdout, or after we manage log groups and streams for
/// `PutLogEvents`; PutMetricData works the same from a laptop, EC2, ECS or behind an endpoint override, needs one
/// IAM action (limited to our namespace by a condition in `deploy/tabletalk.yaml`), and is verifiable against moto.
/// Its cost is kept low by aggregating: each interval sends one statistic set (count, sum, min, max) per metric
/// and dimension set, not one datum per request.
///
/// ``record(name:value:unit:dimensions:)`` never blocks on I/O: it folds the value into an in-memory statistic set
/// under a lock. At most ``maxSeries`` distinct series are held per interval; values of further series are
/// dropped (and counted in ``dropped``). A background task sends every ``interval`` (and early when the series
/// fill half the buffer); ``shutdown()`` sends what is left.
public final class CloudWatchMetricsPublisher: MetricsPublisher {
    /// One metric series of an interval: its name, unit and dimensions.
    struct SeriesKey: Hashable, Sendable {
        var name: String
        var unit: MetricUnit
        var dimensions: [String: String]
    }

    /// CloudWatch's statistic set.
    struct Statistics: Sendable, Hashable {
        var count = 0.0
        var sum = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity

        mutating func add(_ v: Double) {
            count += 1
            sum += v
            minimum = Swift.min(minimum, v)
            maximum = Swift.max(maximum, v)
        }
    }

    public let client: AWSClient
    public let namespace: String
    public let interval: Duration
    public let maxSeries: Int
    /// Datums per PutMetricData call (CloudWatch takes up to 1000 and 1 MB).
    static let datumsPerCall = 500
    /// CloudWatch allows 30 dimensions per metric.
    static let maxDimensions = 30
    let logger: Logger

    private let pending = Mutex<[SeriesKey: Statistics]>([:])
    private let droppedCount = Atomic<Int>(0)
    private let sentCount = Atomic<Int>(0)
    private let loop = Mutex<Task<Void, Never>?>(nil)
    private let earlyFlush = Atomic<Bool>(false)

    public init(client: AWSClient, namespace: String, interval: Duration = .seconds(60), maxSeries: Int = 2000, logger: Logger) {
        self.client = client
        self.namespace = namespace
        self.interval = interval
        self.maxSeries = maxSeries
        self.logger = logger
    }

    /// Values dropped because the buffer was full.
    public var dropped: Int { droppedCount.load(ordering: .relaxed) }
    /// Datums accepted by CloudWatch so far.
    public var sent: Int { sentCount.load(ordering: .relaxed) }

    public func record(name: String, value: Double, unit: MetricUnit, dimensions: [String: String]) {
        guard value.isFinite, dimensions.count <= Self.maxDimensions else {
            droppedCount.add(1, ordering: .relaxed)
            return
        }
        let key = SeriesKey(name: name, unit: unit, dimensions: dimensions)
        let (accepted, count) = pending.withLock { p -> (Bool, Int) in
            if p[key] == nil, p.count >= maxSeries { return (false, p.count) }
            p[key, default: Statistics()].add(value)
            return (true, p.count)
        }
        if !accepted { droppedCount.add(1, ordering: .relaxed) }
        if count >= maxSeries / 2, !earlyFlush.exchange(true, ordering: .relaxed) {
            Task { [self] in
                await flush()
                earlyFlush.store(false, ordering: .relaxed)
            }
        }
    }

    /// Starts sending every ``interval`` (idempotent).
    public func start() {
        loop.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    await flush()
                }
            }
        }
    }

    /// Stops the background sending and sends what is buffered.
    public func shutdown() async {
        loop.withLock { $0?.cancel(); $0 = nil }
        await flush()
    }

    /// Sends everything buffered; failures are logged and the batch dropped (the client already retried).
    public func flush() async {
        let batch = pending.withLock { p -> [SeriesKey: Statistics] in
            defer { p.removeAll(keepingCapacity: true) }
            return p
        }
        guard !batch.isEmpty else { return }
        let stamp = Self.timestamp(Date())
        let datums = batch.sorted { ($0.key.name, $0.key.dimensions.description) < ($1.key.name, $1.key.dimensions.description) }
        for start in stride(from: 0, to: datums.count, by: Self.datumsPerCall) {
            let chunk = datums[start..<min(start + Self.datumsPerCall, datums.count)]
            do {
                _ = try await client.query(.cloudWatch, action: "PutMetricData", parameters: Self.parameters(namespace, chunk, stamp))
                sentCount.add(chunk.count, ordering: .relaxed)
            } catch {
                logger.warning("cloudwatch metrics not sent", metadata: ["datums": "\(chunk.count)", "error": "\(error)"])
            }
        }
    }

    /// `Namespace` and `MetricData.member.N.*` form parameters of one PutMetricData call.
    static func parameters(
        _ namespace: String, _ datums: some Collection<(key: SeriesKey, value: Statistics)>, _ timestamp: String
    ) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = [("Namespace", namespace)]
        for (i, datum) in datums.enumerated() {
            let p = "MetricData.member.\(i + 1)."
            out += [
                (p + "MetricName", datum.key.name), (p + "Unit", datum.key.unit.rawValue), (p + "Timestamp", timestamp),
                (p + "StatisticValues.SampleCount", number(datum.value.count)), (p + "StatisticValues.Sum", number(datum.value.sum)),
                (p + "StatisticValues.Minimum", number(datum.value.minimum)), (p + "StatisticValues.Maximum", number(datum.value.maximum)),
            ]
            for (j, dim) in datum.key.dimensions.sorted(by: { $0.key < $1.key }).enumerated() {
                out += [(p + "Dimensions.member.\(j + 1).Name", dim.key), (p + "Dimensions.member.\(j + 1).Value", dim.value)]
            }
        }
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
