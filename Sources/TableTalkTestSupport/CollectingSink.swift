public import Foundation
public import TableTalkBroker
public import TableTalkProtocol

/// A ``MessageSink`` that keeps every message a session sends, and lets tests await them.
public actor CollectingSink: MessageSink {
    public private(set) var messages: [JSONValue] = []
    public private(set) var closed = false
    private struct Waiter {
        let id: Int
        let predicate: @Sendable (JSONValue) -> Bool
        let continuation: CheckedContinuation<JSONValue, any Error>
    }
    private var waiters: [Waiter] = []
    private var nextWaiter = 0

    public init() {}

    public func send(_ message: Data) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: message) else { return }
        // A batch reply is kept as one array value.
        messages.append(value)
        var remaining: [Waiter] = []
        for w in waiters {
            if w.predicate(value) { w.continuation.resume(returning: value) } else { remaining.append(w) }
        }
        waiters = remaining
    }

    public func close() { closed = true }

    /// The first message (already received or future) matching `predicate`.
    public func first(where predicate: @escaping @Sendable (JSONValue) -> Bool, timeout: Duration = .seconds(20)) async throws
        -> JSONValue
    {
        if let m = messages.first(where: predicate) { return m }
        nextWaiter += 1
        let id = nextWaiter
        return try await withCheckedThrowingContinuation { c in
            waiters.append(Waiter(id: id, predicate: predicate, continuation: c))
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(id)
            }
        }
    }

    /// Deadlock guard only: a test still waiting after the timeout has already failed.
    private func expire(_ id: Int) {
        if let i = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: i).continuation.resume(throwing: TestClientError.timeout)
        }
    }

    /// Notifications received so far with this method.
    public func notifications(_ method: String) -> [JSONValue] {
        messages.filter { $0["method"]?.stringValue == method && $0["id"] == nil }
    }
}

/// Failures of the test client.
public enum TestClientError: Error, CustomStringConvertible {
    case timeout
    case rpc(RPCError)
    public var description: String {
        switch self {
        case .timeout: return "no matching message arrived"
        case .rpc(let e): return "server answered with error \(e.code.rawValue): \(e.message)"
        }
    }
}
