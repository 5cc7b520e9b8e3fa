public import Foundation
public import TableTalkBroker
public import TableTalkCore
public import TableTalkProtocol
import Synchronization

/// Drives a real ``Session`` of a ``Broker`` in-process: send typed requests, await replies and notifications.
///
/// ```swift
/// let client = try await TestClient.initialized(broker: broker)
/// let stats = try await client.call(MonitoringStatsRequest())
/// ```
public final class TestClient: Sendable {
    public let session: Session
    public let sink: CollectingSink
    private let nextID = Atomic<Int>(0)

    public init(broker: Broker, principal: Principal? = .local) {
        sink = CollectingSink()
        session = broker.makeSession(sink: sink, auth: .init(principal: principal))
    }

    /// A client whose session has completed `initialize`.
    public static func initialized(broker: Broker, principal: Principal = .local) async throws -> TestClient {
        let c = TestClient(broker: broker, principal: principal)
        _ = try await c.call(InitializeRequest(clientInfo: .init(name: "test")))
        return c
    }

    /// Sends a request and returns its decoded result; throws ``TestClientError/rpc(_:)`` on an error reply.
    public func call<R: RPCRequest>(_ request: R) async throws -> R.Response {
        let reply = try await callRaw(method: R.method, params: try JSONValue(encoding: request))
        if let err = reply["error"] { throw TestClientError.rpc(try err.decode(as: RPCError.self)) }
        return try (reply["result"] ?? .null).decode(as: R.Response.self)
    }

    /// Sends a request with raw params; returns the whole reply envelope.
    public func callRaw(method: String, params: JSONValue? = nil) async throws -> JSONValue {
        let id = RequestID.number(Int64(nextID.add(1, ordering: .relaxed).newValue + 1000))
        var msg: [String: JSONValue] = ["jsonrpc": "2.0", "id": try JSONValue(encoding: id), "method": .string(method)]
        if let params { msg["params"] = params }
        await send(.object(msg))
        return try await reply(to: id)
    }

    /// The reply with this id.
    public func reply(to id: RequestID) async throws -> JSONValue {
        let idValue = try JSONValue(encoding: id)
        return try await sink.first { $0["id"] == idValue && ($0["result"] != nil || $0["error"] != nil) }
    }

    /// Sends any JSON value as one frame.
    public func send(_ value: JSONValue) async {
        await session.receive(try! JSONEncoder().encode(value))
    }

    /// Sends raw bytes as one frame.
    public func sendRaw(_ text: String) async {
        await session.receive(Data(text.utf8))
    }
}
