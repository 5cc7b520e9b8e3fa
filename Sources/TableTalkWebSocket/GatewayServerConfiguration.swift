public import Foundation
public import TableTalkCore

/// Settings and hooks of the HTTP + WebSocket server (`tabletalk serve`).
public struct GatewayServerConfiguration: Sendable {
    /// PEM files of the certificate (chain) and private key for HTTPS/WSS (`serve --tls-cert --tls-key`).
    public struct TLSFiles: Sendable, Equatable {
        public var certificate: URL
        public var privateKey: URL
        public init(certificate: URL, privateKey: URL) {
            self.certificate = certificate
            self.privateKey = privateKey
        }
    }

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
    /// HTTPS and WSS instead of plain HTTP and WS when set.
    public var tls: TLSFiles?
    /// Failed token checks one client address may make within ``authFailureWindow`` before its token checks
    /// are refused (429) until the window has passed; 0 turns throttling off.
    public var authFailureLimit: Int
    public var authFailureWindow: Duration
    /// The assembled OpenRPC document served at `GET /openrpc.json` (nil: 404).
    public var openRPCDocument: Data?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxMessageBytes: Int = 16 << 20, requireToken: Bool = true,
        authenticate: @escaping @Sendable (String) async -> Principal? = { _ in nil },
        metrics: @escaping @Sendable () async -> String = { "" }, uiDirectory: URL? = nil, tls: TLSFiles? = nil,
        authFailureLimit: Int = 10, authFailureWindow: Duration = .seconds(60), openRPCDocument: Data? = nil
    ) {
        self.host = host
        self.port = port
        self.maxMessageBytes = maxMessageBytes
        self.requireToken = requireToken
        self.authenticate = authenticate
        self.metrics = metrics
        self.uiDirectory = uiDirectory
        self.tls = tls
        self.authFailureLimit = authFailureLimit
        self.authFailureWindow = authFailureWindow
        self.openRPCDocument = openRPCDocument
    }
}
