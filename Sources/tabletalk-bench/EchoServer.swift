import Hummingbird
import HummingbirdWebSocket
import Logging

/// The anchor: a bare Hummingbird WebSocket server that echoes every text message, on the same machine.
enum EchoServer {
    static func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/echo") { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                if case .text(let t) = message { try await outbound.write(.text(t)) }
            }
        }
        var logger = Logger(label: "echo")
        logger.logLevel = .error
        let app = Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: logger)
        try await app.run()
    }
}
