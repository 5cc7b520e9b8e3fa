public import TableTalkCore
public import TableTalkProtocol

/// Who is asking, added by the broker to every request it proxies to an external plugin as `params._meta`
/// (`{principal, connection}`), replacing any `_meta` the client sent, so a plugin can keep per-principal state and
/// trust it. Params sent as an array are forwarded unchanged (a plugin that needs the principal takes named params).
/// The other way, a plugin's notification whose params carry `_meta.principal` goes only to that principal's
/// connections (``routing(_:)``).
public enum PluginRequestMeta {
    public static func adding(to params: JSONValue?, principal: Principal, connection: String) -> JSONValue? {
        let meta: JSONValue = ["principal": .string(principal.id), "connection": .string(connection)]
        switch params {
        case nil, .null?: return ["_meta": meta]
        case .object(var members)?:
            members["_meta"] = meta
            return .object(members)
        default: return params
        }
    }

    /// A plugin notification's params without `_meta`, and the principal `_meta.principal` names (nil: everyone).
    static func routing(_ params: JSONValue?) -> (JSONValue, Principal?) {
        guard case .object(var members)? = params else { return (params ?? .object([:]), nil) }
        guard let meta = members.removeValue(forKey: "_meta") else { return (.object(members), nil) }
        return (.object(members), meta["principal"]?.stringValue.map(Principal.init))
    }
}
