/// An external capability: a process speaking newline-delimited JSON-RPC 2.0 over stdio that owns a namespace.
///
/// Declared in the configuration file as `"plugins": [{"namespace": "echo", "command": ["python3", "echo.py"]}]`.
public struct ExternalPluginConfiguration: Sendable, Codable, Hashable {
    /// Seconds to wait for `initialize` when none is configured.
    public static let defaultStartTimeoutSeconds = 10.0
    /// Seconds a proxied request may take when none is configured.
    public static let defaultRequestTimeoutSeconds = 30.0

    public var namespace: String
    /// argv; the first element is looked up on PATH.
    public var command: [String]
    /// Seconds to wait for the plugin's `initialize` reply (default 10).
    public var startTimeoutSeconds: Double?
    /// Seconds to wait for the plugin's reply to a proxied request before answering `pluginUnavailable` (default 30).
    public var requestTimeoutSeconds: Double?

    public init(namespace: String, command: [String], startTimeoutSeconds: Double? = nil, requestTimeoutSeconds: Double? = nil) {
        self.namespace = namespace
        self.command = command
        self.startTimeoutSeconds = startTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
    }

    /// The start timeout in effect (positive).
    var startTimeout: Double { Self.positive(startTimeoutSeconds) ?? Self.defaultStartTimeoutSeconds }
    /// The request timeout in effect (positive).
    var requestTimeout: Double { Self.positive(requestTimeoutSeconds) ?? Self.defaultRequestTimeoutSeconds }

    private static func positive(_ v: Double?) -> Double? {
        guard let v, v.isFinite, v > 0 else { return nil }
        return v
    }
}
