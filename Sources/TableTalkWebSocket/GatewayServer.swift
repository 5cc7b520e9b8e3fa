public import Foundation
public import Logging
public import TableTalkBroker
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import TableTalkCore
import TableTalkProtocol

/// The HTTP + WebSocket server: JSON-RPC at `/rpc`, `GET /healthz`, `GET /metrics`, raw upload parts at
/// `PUT /uploads/{id}?offset=N`, and the static UI at `/`. One session per WebSocket connection.
public struct GatewayServer: Sendable {
    public let broker: Broker
    public let configuration: GatewayServerConfiguration
    public let logger: Logger

    public init(broker: Broker, configuration: GatewayServerConfiguration, logger: Logger) {
        self.broker = broker
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the task is cancelled. `onRunning` receives the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: BasicWebSocketRequestContext.self)
        addHTTPRoutes(to: router)
        addWebSocketRoute(to: router)
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(maxFrameSize: configuration.maxMessageBytes)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "tabletalk"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    func principal(for request: Request) async -> Principal? {
        if let token = TokenExtraction.token(in: request) { return await configuration.authenticate(token) }
        return configuration.requireToken ? nil : .local
    }

    private func addWebSocketRoute(to router: Router<BasicWebSocketRequestContext>) {
        let broker = self.broker
        let config = self.configuration
        let logger = self.logger
        router.ws("/rpc") { request, _ in
            // A token that is present must be valid; a missing one may still come with `initialize`.
            if TokenExtraction.token(in: request) != nil, await principal(for: request) == nil {
                throw HTTPError(.unauthorized, message: "invalid or revoked token")
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let principal = await principal(for: context.request)
            let sink = WebSocketSink(outbound: outbound)
            let session = broker.makeSession(
                sink: sink,
                auth: .init(principal: principal, authenticate: config.authenticate))
            defer { session.close() }
            do {
                for try await message in inbound.messages(maxSize: config.maxMessageBytes) {
                    switch message {
                    case .text(let text): await session.receive(Data(text.utf8))
                    case .binary(let buffer): await session.receive(Data(buffer.readableBytesView))
                    }
                    if session.exitRequested { break }
                }
            } catch {
                logger.debug("websocket \(session.id) ended: \(error)")
            }
            // After `exit`, answer what is in flight; a client that went away gets its work cancelled.
            if !session.exitRequested { session.close() }
            await session.drain()
            await sink.flush()
            try? await outbound.close(.normalClosure, reason: session.exitRequested ? "exit" : nil)
        }
    }
}
