import Hummingbird
import Logging

/// The PUT anchor: a bare Hummingbird HTTP server whose `PUT /discard` collects the body (as the gateway's part
/// route does) and throws it away, on the same machine. Shows what the HTTP layer alone costs.
enum DiscardServer {
    static func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.put("/discard") { request, _ -> String in
            let body = try await request.body.collect(upTo: 64 << 20)
            return #"{"received":\#(body.readableBytes)}"#
        }
        var logger = Logger(label: "discard")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: logger)
        try await app.run()
    }
}
