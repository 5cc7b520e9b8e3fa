public import Foundation
public import Logging
public import TableTalkBroker
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import NIOCore
import NIOHTTP1
import NIOWebSocket
import Synchronization
import TableTalkCore
import TableTalkProtocol

/// The HTTP + WebSocket server: JSON-RPC at `/rpc`, `GET /healthz`, `GET /metrics`, `GET /openrpc.json`, raw
/// upload parts at `PUT /uploads/{id}?offset=N`, and the static UI at `/`. One session per WebSocket connection.
/// HTTPS/WSS when ``GatewayServerConfiguration/tls`` is set.
public struct GatewayServer: Sendable {
    public let broker: Broker
    public let configuration: GatewayServerConfiguration
    public let logger: Logger
    let throttle: AuthThrottle

    public init(broker: Broker, configuration: GatewayServerConfiguration, logger: Logger) {
        self.broker = broker
        self.configuration = configuration
        self.logger = logger
        self.throttle = AuthThrottle(maxFailures: configuration.authFailureLimit, window: configuration.authFailureWindow)
    }

    /// Serves until the task is cancelled. `onRunning` receives the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: GatewayRequestContext.self)
        router.middlewares.add(SecurityHeadersMiddleware())
        addHTTPRoutes(to: router)
        addWebSocketRoute(to: router)
        // Text frames that are not valid UTF-8 close the connection with 1007 (RFC 6455 §8.1).
        let plain = HTTPServerBuilder.http1WebSocketUpgrade(
            webSocketRouter: router,
            configuration: .init(ws: .init(maxFrameSize: configuration.maxMessageBytes, validateUTF8: true)))
        let server = try configuration.tls.map { try HTTPServerBuilder.tls(plain, tlsConfiguration: try Self.tlsConfiguration($0)) } ?? plain
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "tabletalk"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    /// The server's TLS settings from PEM files.
    static func tlsConfiguration(_ files: GatewayServerConfiguration.TLSFiles) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificate.path)
        let key = try NIOSSLPrivateKey(file: files.privateKey.path, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    /// The outcome of looking at a request's token.
    enum TokenCheck {
        case principal(Principal)
        /// The request carries no token.
        case none
        case invalid
        /// Too many failed checks from this address lately (``AuthThrottle``).
        case throttled
    }

    /// Checks `token` for a client at `address`: throttled addresses are refused before the token is looked at.
    func check(_ token: String, from address: String) async -> TokenCheck {
        guard throttle.allows(address) else { return .throttled }
        if !token.isEmpty, let principal = await configuration.authenticate(token) { return .principal(principal) }
        throttle.recordFailure(address)
        return .invalid
    }

    func checkToken(of request: Request, context: GatewayRequestContext) async -> TokenCheck {
        guard let token = TokenExtraction.token(in: request) else { return .none }
        return await check(token, from: context.clientKey)
    }

    /// The principal of an HTTP request that needs one; throws 401 (missing or invalid token) or 429 (throttled).
    func principal(for request: Request, context: GatewayRequestContext) async throws -> Principal {
        switch await checkToken(of: request, context: context) {
        case .principal(let p): return p
        case .none:
            if !configuration.requireToken { return .local }
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: #"Bearer realm="tabletalk""#], message: "token required")
        case .invalid:
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: #"Bearer realm="tabletalk""#], message: "invalid or revoked token")
        case .throttled:
            throw Self.throttledError(window: configuration.authFailureWindow)
        }
    }

    static func throttledError(window: Duration) -> HTTPError {
        HTTPError(.tooManyRequests, headers: [.retryAfter: "\(window.components.seconds)"], message: "too many invalid tokens; try again later")
    }

    private func addWebSocketRoute(to router: Router<GatewayRequestContext>) {
        let broker = self.broker
        let config = self.configuration
        let logger = self.logger
        let server = self
        router.ws("/rpc") { request, context in
            // A token that is present must be valid; a missing one may still come with `initialize`.
            switch await server.checkToken(of: request, context: context) {
            case .principal, .none: return .upgrade([:])
            case .invalid:
                try await Self.refuseUpgrade(request, context: context, status: .unauthorized)
                throw HTTPError(.unauthorized, message: "invalid or revoked token")
            case .throttled:
                try await Self.refuseUpgrade(request, context: context, status: .tooManyRequests)
                throw Self.throttledError(window: config.authFailureWindow)
            }
        } onUpgrade: { inbound, outbound, context in
            let address = context.requestContext.clientKey
            let principal: Principal?
            switch await server.checkToken(of: context.request, context: context.requestContext) {
            case .principal(let p): principal = p
            case .none: principal = config.requireToken ? nil : .local
            case .invalid, .throttled:
                // Revoked between the upgrade and now.
                try? await outbound.close(.policyViolation, reason: "invalid or revoked token")
                return
            }
            // The token the session stands on (URL/header, or the one `initialize` brings), checked again now and
            // then so that a revoked token stops working on open connections too.
            let liveToken = LiveToken(TokenExtraction.token(in: context.request))
            let sink = WebSocketSink(outbound: outbound)
            let session = broker.makeSession(
                sink: sink,
                auth: .init(principal: principal) { token in
                    guard case .principal(let p) = await server.check(token, from: address) else { return nil }
                    liveToken.set(token)
                    return p
                })
            defer { session.close() }
            var failure: (any Error)?
            var checked = ContinuousClock.now
            do {
                for try await message in inbound.messages(maxSize: config.maxMessageBytes) {
                    if ContinuousClock.now - checked > Self.tokenRecheckInterval, let token = liveToken.get() {
                        checked = .now
                        if await config.authenticate(token) == nil {
                            logger.debug("websocket \(session.id): token revoked, closing")
                            session.close()
                            await session.drain()
                            await sink.flush()
                            try? await outbound.close(.policyViolation, reason: "token revoked")
                            return
                        }
                    }
                    switch message {
                    case .text(let text): await session.receive(Data(text.utf8))
                    case .binary(let buffer): await session.receive(Data(buffer.readableBytesView))
                    }
                    if session.exitRequested { break }
                }
            } catch {
                logger.debug("websocket \(session.id) ended: \(error)")
                failure = error
            }
            // After `exit`, answer what is in flight; a client that went away gets its work cancelled.
            if !session.exitRequested { session.close() }
            await session.drain()
            await sink.flush()
            // A protocol failure (invalid UTF-8 in a text frame: 1007, a message too big: 1009) is handed back to the
            // WebSocket layer, which closes with the code that names it.
            if let failure { throw failure }
            try? await outbound.close(.normalClosure, reason: session.exitRequested ? "exit" : nil)
        }
    }

    /// How often an open connection's token is checked again (on its next message): a revoked token stops
    /// working on open connections within this long.
    static let tokenRecheckInterval = Duration.seconds(1)

    /// Makes the refused upgrade's answer carry `status` (Hummingbird writes 400 for every refused upgrade).
    /// Only for real upgrade requests: a plain `GET /rpc` gets its error response the usual way.
    private static func refuseUpgrade(_ request: Request, context: GatewayRequestContext, status: HTTPResponseStatus) async throws {
        guard request.headers[.upgrade]?.lowercased() == "websocket" else { return }
        try await context.channel.pipeline.addHandler(UpgradeRefusalHandler(status: status)).get()
    }
}

/// The token a WebSocket session stands on, set at the upgrade or by `initialize`.
final class LiveToken: Sendable {
    private let token: Mutex<String?>
    init(_ token: String?) { self.token = Mutex(token) }
    func get() -> String? { token.withLock { $0 } }
    func set(_ value: String) { token.withLock { $0 = value } }
}
