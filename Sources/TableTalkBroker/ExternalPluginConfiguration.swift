/// An external capability: a process speaking newline-delimited JSON-RPC 2.0 over stdio that owns a namespace.
///
/// Declared in the configuration file as `"plugins": [{"namespace": "echo", "command": ["python3", "echo.py"]}]`.
public struct ExternalPluginConfiguration: Sendable, Codable, Hashable {
    public var namespace: String
    /// argv; the first element is looked up on PATH.
    public var command: [String]
    /// Seconds to wait for the plugin's `initialize` reply.
    public var startTimeoutSeconds: Double?

    public init(namespace: String, command: [String], startTimeoutSeconds: Double? = nil) {
        self.namespace = namespace
        self.command = command
        self.startTimeoutSeconds = startTimeoutSeconds
    }
}
