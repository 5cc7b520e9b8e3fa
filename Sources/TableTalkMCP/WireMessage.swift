import Foundation
import MCP

/// One JSON-RPC message read from the client, as far as routing needs it: a request has `id` and `method`, a
/// notification only `method`, a response only `id`.
struct WireMessage: Sendable, Decodable {
    let id: ID?
    let method: String?
    /// The params object (absent, or not an object, reads as nil).
    let params: [String: Value]?

    var isRequest: Bool { id != nil && method != nil }
    var isNotification: Bool { id == nil && method != nil }

    private enum Key: String, CodingKey { case id, method, params }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        id = try? c.decodeIfPresent(ID.self, forKey: .id)
        method = try? c.decodeIfPresent(String.self, forKey: .method)
        params = try? c.decodeIfPresent([String: Value].self, forKey: .params)
    }

    /// A message from its bytes; nil for anything that is not a JSON object.
    static func read(_ data: Data) -> WireMessage? { try? JSONDecoder().decode(WireMessage.self, from: data) }
}
