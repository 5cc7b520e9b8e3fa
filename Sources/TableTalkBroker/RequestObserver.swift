/// Sees every finished request: method name, duration and error code (nil on success). Used by monitoring.
/// Called on the request's task: implementations must be quick and thread-safe.
public protocol RequestObserver: Sendable {
    func requestFinished(method: String, duration: Duration, errorCode: Int?)
    func connectionsChanged(active: Int)
}

/// A dependency check for `monitoring.health`.
public protocol HealthCheck: Sendable {
    var name: String { get }
    /// `(status, detail)` where status is `ok`, `degraded` or `failing`.
    func check() async -> (status: String, detail: String?)
}
