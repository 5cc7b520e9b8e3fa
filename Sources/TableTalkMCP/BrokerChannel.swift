import Foundation
public import TableTalkBroker
public import TableTalkProtocol
import Synchronization
public import TableTalkCore

/// An in-process JSON-RPC client of one broker ``Session``: the MCP face asks the same capabilities as every other
/// transport, under the same principal, guard, history and monitoring.
///
/// Cancelling the Swift task that awaits ``call(_:onNotification:)`` sends `$/cancelRequest` for that request, so
/// the running query is interrupted, not just forgotten.
public final class BrokerChannel: Sendable {
    let broker: Broker
    let principal: Principal
    let session: Session
    private let replies: BrokerReplies
    private let nextID = Atomic<Int64>(0)
    private let clientName = Mutex("mcp")

    /// Opens a session on `broker` for `principal` (the local user, as `tabletalk stdio` does).
    public init(broker: Broker, principal: Principal = .local) {
        self.broker = broker
        self.principal = principal
        replies = BrokerReplies()
        session = broker.makeSession(sink: replies, auth: .init(principal: principal))
    }

    /// Completes the broker session's `initialize`; call once before any other request.
    public func open(clientName: String) async throws {
        self.clientName.withLock { $0 = clientName }
        _ = try await send(InitializeRequest(clientInfo: .init(name: clientName)), onNotification: nil)
    }

    /// Sends `request`, returns its decoded result, or throws the broker's ``RPCError``.
    /// - Parameter onNotification: hears the broker's notifications (method, params) while the request runs. Such a
    ///   call runs on a session of its own, so it hears its own notifications only (not a concurrent import's).
    public func call<R: RPCRequest>(
        _ request: R, onNotification: (@Sendable (String, JSONValue) async -> Void)? = nil
    ) async throws -> R.Response {
        guard let onNotification else { return try await send(request, onNotification: nil) }
        let own = BrokerChannel(broker: broker, principal: principal)
        try await own.open(clientName: clientName.withLock { $0 })
        defer { own.close() }
        return try await own.send(request, onNotification: onNotification)
    }

    private func send<R: RPCRequest>(
        _ request: R, onNotification: (@Sendable (String, JSONValue) async -> Void)?
    ) async throws -> R.Response {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let key = "\(id)"
        let envelope: JSONValue = [
            "jsonrpc": "2.0", "id": .int(id), "method": .string(R.method), "params": try JSONValue(encoding: request),
        ]
        if let onNotification { await replies.listen(key, onNotification) }
        let frame = try JSONEncoder().encode(envelope)
        let session = self.session
        let reply = await withTaskCancellationHandler {
            await session.receive(frame)
            return await replies.reply(to: key)
        } onCancel: {
            let cancel: JSONValue = ["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": .int(id)]]
            let data = try! JSONEncoder().encode(cancel)
            Task { await session.receive(data) }
        }
        if onNotification != nil { await replies.stopListening(key) }
        if let error = reply["error"] { throw try error.decode(as: RPCError.self) }
        return try (reply["result"] ?? .null).decode(as: R.Response.self)
    }

    /// Ends the broker session (cancels whatever still runs).
    public func close() { session.close() }
}
