import Foundation
import MCP

/// Shapes a result for MCP 2026-07-28, which requires `resultType` on every result ("complete": nothing here asks
/// the client for input), cache hints on the listing, reading and discovery results, and recommends the server's
/// identity in `_meta`. The handshake revisions get the SDK's results unchanged.
enum ModernResult {
    /// Cache hints: `ttlMs` 0 (stale at once: tables come and go with imports) and `private` (the data is the
    /// user's, never to be shared across authorization contexts).
    static let cacheHints: [String: Value] = ["ttlMs": 0, "cacheScope": "private"]

    /// `result` as a complete 2026-07-28 result, stamped with `serverInfo`; `cacheable` adds the cache hints.
    static func complete(_ result: some Encodable, cacheable: Bool, serverInfo: Value) throws -> Value {
        var object = try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(result)).objectValue ?? [:]
        object["resultType"] = "complete"
        if cacheable { object.merge(cacheHints) { own, _ in own } }
        var meta = object["_meta"]?.objectValue ?? [:]
        meta[ModernEnvelope.serverInfoKey] = serverInfo
        object["_meta"] = .object(meta)
        return .object(object)
    }
}
