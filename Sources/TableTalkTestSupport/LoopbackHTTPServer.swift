public import Hummingbird
import Logging
import Synchronization

/// A Hummingbird server on 127.0.0.1 (a free port) answering with `respond`: the transport of the scripted fake
/// model servers (Bedrock, OpenAI) and of the scripted Athena server, which only decide what to answer.
public final class LoopbackHTTPServer: Sendable {
    private let task = Mutex<Task<Void, any Error>?>(nil)
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String

    private init(baseURL: String) { self.baseURL = baseURL }

    public static func start(
        label: String, respond: @escaping @Sendable (Request) async throws -> Response
    ) async throws -> LoopbackHTTPServer {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            responder: CallbackResponder { (request: Request, _: BasicRequestContext) in try await respond(request) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let running = Task { try await app.run() }
        var port = 0
        for await p in stream { port = p; break }
        let server = LoopbackHTTPServer(baseURL: "http://127.0.0.1:\(port)")
        server.task.withLock { $0 = running }
        return server
    }

    public func stop() { task.withLock { $0?.cancel() } }
}
