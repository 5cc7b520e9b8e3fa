/// Sends operational figures (request latency, errors, upload and query figures) to a metrics backend such as
/// CloudWatch, alongside the `/metrics` page. `record` is called on request paths: it must not block or do I/O
/// (implementations buffer, drop when the buffer is full, and send in the background).
public protocol MetricsPublisher: Sendable {
    /// Records one observation of `name` (e.g. `RequestLatency`) in `unit`, with dimensions such as `Method`.
    func record(name: String, value: Double, unit: MetricUnit, dimensions: [String: String])
    /// Sends everything buffered so far (called at shutdown).
    func flush() async
}

/// The units a metric is recorded in (CloudWatch's names).
public enum MetricUnit: String, Sendable, Hashable, CaseIterable {
    case milliseconds = "Milliseconds"
    case seconds = "Seconds"
    case count = "Count"
    case bytes = "Bytes"
    case percent = "Percent"
    case none = "None"
}

/// The metric names TableTalk publishes, shared by the adapters and the composition root so one figure has one name.
public enum MetricName {
    /// Milliseconds per finished JSON-RPC request; dimension `Method`.
    public static let requestLatency = "RequestLatency"
    /// 1 for a request that failed, 0 for one that succeeded (Sum = errors, Average = error rate); dimension `Method`.
    public static let requestErrors = "RequestErrors"
    /// Bytes of each finished upload.
    public static let uploadBytes = "UploadBytes"
    /// Bytes Athena scanned for one query.
    public static let athenaBytesScanned = "AthenaBytesScanned"
    /// Milliseconds Athena's engine ran one query.
    public static let athenaQueryTime = "AthenaQueryTime"
}
