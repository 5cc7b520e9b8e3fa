/// Sees every finished request: method name, duration, error code (nil on success) and who asked, and the life
/// of external plugins. Used by monitoring and the operator log.
/// Called on the request's task: implementations must be quick and thread-safe.
public protocol RequestObserver: Sendable {
    func requestFinished(method: String, duration: Duration, errorCode: Int?)
    /// A finished request with the asking principal's id (nil before `initialize`); by default the same as
    /// ``requestFinished(method:duration:errorCode:)``.
    func requestFinished(method: String, duration: Duration, errorCode: Int?, principal: String?)
    func connectionsChanged(active: Int)
    /// An external plugin process answered `initialize` (`methods` is how many methods it offers). By default nothing.
    func pluginStarted(namespace: String, methods: Int)
    /// An external plugin could not start, or its process ended while it was meant to run. By default nothing.
    func pluginFailed(namespace: String, reason: String)
}

extension RequestObserver {
    public func requestFinished(method: String, duration: Duration, errorCode: Int?, principal: String?) {
        requestFinished(method: method, duration: duration, errorCode: errorCode)
    }
    public func pluginStarted(namespace: String, methods: Int) {}
    public func pluginFailed(namespace: String, reason: String) {}
}

/// A dependency check for `monitoring.health`.
public protocol HealthCheck: Sendable {
    var name: String { get }
    /// `(status, detail)` where status is `ok`, `degraded` or `failing`.
    func check() async -> (status: String, detail: String?)
}
