public import Foundation
public import TableTalkCore

/// Settings and hooks of the HTTP + WebSocket server (`tabletalk serve`).
public struct GatewayServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (reported through `onRunning`).
    public var port: Int
    /// Largest WebSocket message accepted; larger ones close the connection with 1009 (message too big).
    public var maxMessageBytes: Int
    /// Checks a token; nil when it is unknown or revoked.
    public var authenticate: @Sendable (String) async -> Principal?
    /// When false, connections without a token act as ``Principal/local`` (tests, trusted setups).
    public var requireToken: Bool
    /// Prometheus text for `GET /metrics`.
    public var metrics: @Sendable () async -> String
    /// Directory of the static UI served at `/` (nil: the bundled UI).
    public var uiDirectory: URL?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxMessageBytes: Int = 16 << 20, requireToken: Bool = true,
        authenticate: @escaping @Sendable (String) async -> Principal? = { _ in nil },
        metrics: @escaping @Sendable () async -> String = { "" }, uiDirectory: URL? = nil
    ) {
        self.host = host
        self.port = port
        self.maxMessageBytes = maxMessageBytes
        self.requireToken = requireToken
        self.authenticate = authenticate
        self.metrics = metrics
        self.uiDirectory = uiDirectory
    }
}
