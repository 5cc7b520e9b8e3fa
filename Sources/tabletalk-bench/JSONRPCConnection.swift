import Foundation
import HummingbirdWSClient
import NIOWebSocket

/// Request/response JSON-RPC over a WebSocket client connection: sends a request, skips notifications (such as
/// `upload.progress`) until the response with the same id arrives, and returns its `result`.
struct JSONRPCConnection {
    var messages: WebSocketInboundMessageStream.AsyncIterator
    let outbound: WebSocketOutboundWriter
    var nextID = 1

    mutating func call(_ method: String, _ params: [String: Any]) async throws -> [String: Any] {
        let id = nextID
        nextID += 1
        let request: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method, "params": params]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        try await outbound.write(.text(text))
        while let message = try await messages.next() {
            guard case .text(let text) = message else { continue }  // the gateway answers in text frames
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], object["method"] == nil,
                (object["id"] as? Int) == id
            else { continue }
            if let error = object["error"] { throw BenchFailure("\(method) failed: \(error)") }
            return object["result"] as? [String: Any] ?? [:]
        }
        throw BenchFailure("the connection closed before the \(method) response")
    }
}
