public import TableTalkProtocol

/// What one line from a plugin's stdout is.
enum PluginMessage: Sendable {
    /// A reply to the request with this id (the plugin's error, or a malformed reply, as the failure).
    case reply(id: Int64, Result<JSONValue, RPCError>)
    /// A notification to forward to clients.
    case notification(method: String, params: JSONValue?)
    /// A request from the plugin to the gateway (only `events.deliver`; anything else gets `methodNotFound`).
    case request(id: JSONValue, method: String, params: JSONValue?)
    /// Not JSON-RPC: not JSON, or a reply whose id cannot be one of ours (null, an object, a fraction…).
    case garbage(String)

    /// Classifies a decoded line. Ids are ours (integers); a reply that carries one as a decimal string ("7")
    /// is taken as meaning that request, since nothing else could have asked it.
    init(_ value: JSONValue, namespace: String) {
        guard case .object = value else {
            self = .garbage("not a JSON object")
            return
        }
        if let method = value["method"]?.stringValue {
            if let id = value["id"], id != .null {
                self = .request(id: id, method: method, params: value["params"])
            } else {
                self = .notification(method: method, params: value["params"])
            }
            return
        }
        let rawID = value["id"]
        guard let id = rawID?.intValue ?? rawID?.stringValue.flatMap({ Int64($0) }) else {
            self = .garbage("a reply with an id that is not one of the gateway's (\(rawID.map { "\($0)" } ?? "none"))")
            return
        }
        if let error = value["error"] {
            if let e = try? error.decode(as: RPCError.self) {
                self = .reply(id: id, .failure(e))
            } else {
                self = .reply(id: id, .failure(RPCError(.internalError, "plugin \"\(namespace)\" sent a malformed error")))
            }
        } else if let result = value["result"] {
            self = .reply(id: id, .success(result))
        } else {
            self = .reply(id: id, .failure(RPCError(.internalError, "plugin \"\(namespace)\" sent a reply with neither result nor error")))
        }
    }
}
