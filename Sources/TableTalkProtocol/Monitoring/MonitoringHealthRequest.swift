public import Foundation

/// `monitoring.health`: overall status, version, uptime and each dependency check.
public struct MonitoringHealthRequest: RPCRequest, Hashable {
    public static let method = "monitoring.health"
    public typealias Response = MonitoringHealth
    public init() {}
}

/// Health of the server and its dependencies.
public struct MonitoringHealth: Codable, Sendable, Hashable {
    /// One dependency check (data directory writable, SQLite opens, external plugin alive…).
    public struct Check: Codable, Sendable, Hashable {
        public var name: String
        /// `ok`, `degraded` or `failing`.
        public var status: String
        public var detail: String?
        public init(name: String, status: String, detail: String? = nil) {
            self.name = name
            self.status = status
            self.detail = detail
        }
    }
    /// `ok` when every check is ok, `degraded` when some are, `failing` otherwise.
    public var status: String
    public var version: String
    public var uptimeSeconds: Double
    public var checks: [Check]
    public init(status: String, version: String, uptimeSeconds: Double, checks: [Check]) {
        self.status = status
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.checks = checks
    }
}
