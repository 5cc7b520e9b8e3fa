import Foundation
import Logging
import MCP

/// The transport the Swift SDK's `Server` sees: sits on the client's transport and routes each message by the
/// connection's ``ProtocolEra``. Handshake-era messages pass through to the SDK; 2026-07-28 requests go to
/// ``ModernServer``. A request of the other era is refused once the era is set, as the revisions require: an
/// enveloped request on a handshake connection is `-32600`, `initialize` on a 2026-07-28 connection is `-32022`.
actor EraSwitch: Transport {
    nonisolated let logger: Logger
    private var inner: (any Transport)?
    private var modern: ModernServer?
    private(set) var era: ProtocolEra?
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation

    init(logger: Logger) {
        self.logger = logger
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    /// Puts the switch on `transport`, with `modern` answering 2026-07-28; call before the SDK's `Server.start`.
    func attach(_ transport: any Transport, modern: ModernServer) {
        inner = transport
        self.modern = modern
    }

    func connect() async throws {
        guard let inner else { throw MCPError.internalError("EraSwitch has no transport") }
        try await inner.connect()
        let incoming = await inner.receive()
        Task {
            do {
                for try await data in incoming { await self.route(data) }
            } catch {
                self.logger.warning("mcp input failed", metadata: ["error": "\(error)"])
            }
            await self.finish()
        }
    }

    func disconnect() async {
        await inner?.disconnect()
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        guard let inner else { throw MCPError.connectionClosed }
        try await inner.send(data)
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { stream }

    private func route(_ data: Data) async {
        guard let inner, let modern else { return }
        let outbox = Outbox(transport: inner)
        let message = WireMessage.read(data)
        switch era {
        case nil:
            guard let message, message.isRequest else {
                continuation.yield(data)  // before any request: the SDK's (it answers what it cannot read)
                return
            }
            era = ProtocolEra.opened(by: message)
            if era == .handshake { continuation.yield(data) } else { await modern.receive(message, outbox: outbox) }
        case .handshake?:
            if let message, let id = message.id, message.isRequest, message.method != "initialize",
                ModernEnvelope.isPresent(in: message.params)
            {
                await outbox.send(WireFrame.error(id, .invalidRequest(Self.handshakeOnly)))
            } else {
                continuation.yield(data)
            }
        case .modern?:
            guard let message else {
                let json = (try? JSONDecoder().decode(Value.self, from: data)) != nil
                await outbox.send(WireFrame.error(nil, json ? .invalidRequest("Invalid request") : .parseError))
                return
            }
            if let id = message.id, message.method == "initialize" {
                let requested = message.params?["protocolVersion"]?.stringValue ?? ""
                await outbox.send(WireFrame.error(id, .unsupportedVersion(requested, supported: ProtocolRevisions.modern)))
            } else if message.isRequest {
                await modern.receive(message, outbox: outbox)
            } else if message.isNotification {
                await modern.notify(message)
            } else if message.id == nil {
                await outbox.send(WireFrame.error(nil, .invalidRequest("Invalid request")))
            }
        }
    }

    /// The refusal of an enveloped request on a handshake connection.
    static let handshakeOnly = "This connection uses the initialize handshake; a 2026-07-28 request is not accepted on it"

    /// End of input (the transport answered what was pending): close the listen streams, then end the SDK's stream.
    private func finish() async {
        await modern?.finish()
        continuation.finish()
    }
}
