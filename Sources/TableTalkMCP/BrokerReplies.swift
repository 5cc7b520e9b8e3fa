import Foundation
import TableTalkBroker
import TableTalkProtocol

/// The ``MessageSink`` of the MCP face's broker session: hands each reply to the call waiting for its id and each
/// notification (`upload.progress`, `chat.status`) to the listener of the call in flight.
actor BrokerReplies: MessageSink {
    private var waiting: [String: CheckedContinuation<JSONValue, Never>] = [:]
    private var early: [String: JSONValue] = [:]
    private var listeners: [String: @Sendable (String, JSONValue) async -> Void] = [:]

    /// Waits for the reply envelope to request `key` (the request id as text).
    func reply(to key: String) async -> JSONValue {
        if let value = early.removeValue(forKey: key) { return value }
        return await withCheckedContinuation { waiting[key] = $0 }
    }

    /// Hears the broker's notifications while the call `key` runs.
    func listen(_ key: String, _ listener: @escaping @Sendable (String, JSONValue) async -> Void) {
        listeners[key] = listener
    }

    func stopListening(_ key: String) { listeners[key] = nil }

    nonisolated func send(_ message: Data) async {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: message) else { return }
        await deliver(value)
    }

    nonisolated func close() async {}

    private func deliver(_ value: JSONValue) async {
        if let method = value["method"]?.stringValue, value["id"] == nil {
            // Notifications carry no request id: every call in flight that listens hears them.
            let params = value["params"] ?? .null
            for listener in listeners.values { await listener(method, params) }
            return
        }
        guard let id = value["id"], let key = Self.key(id) else { return }
        if let c = waiting.removeValue(forKey: key) { c.resume(returning: value) } else { early[key] = value }
    }

    static func key(_ id: JSONValue) -> String? {
        switch id {
        case .int(let n): return "\(n)"
        case .string(let s): return s
        default: return nil
        }
    }
}
