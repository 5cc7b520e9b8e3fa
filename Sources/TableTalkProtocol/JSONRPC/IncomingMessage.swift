import Foundation

/// One decoded incoming JSON-RPC message. Decoding never fails per message: structural problems become
/// ``invalid(_:_:)`` with the id kept where it could be read, so a batch answers each element on its own.
public enum IncomingMessage: Sendable {
    case request(RequestID, method: String, params: IncomingParams)
    case notification(method: String, params: IncomingParams)
    /// A reply (from an external plugin process, or a client answering a server request).
    case response(RequestID, Result<JSONValue, RPCError>)
    case invalid(RequestID?, RPCError)

    public var method: String? {
        switch self {
        case .request(_, let m, _), .notification(let m, _): return m
        default: return nil
        }
    }
}

/// Params of an incoming message: decoded once into the method's type when the method is known,
/// kept raw for methods owned by external plugins, or the reason they did not decode.
public enum IncomingParams: @unchecked Sendable {
    case typed(any Sendable)
    case raw(JSONValue?)
    case invalid(RPCError)
}

/// The method names whose params decode into typed values (see ``MessageDecoder``).
public struct MessageTypes: Sendable {
    public var requests: [String: any RPCRequest.Type]
    public var notifications: [String: any RPCNotification.Type]
    public init(requests: [String: any RPCRequest.Type] = [:], notifications: [String: any RPCNotification.Type] = [:]) {
        self.requests = requests
        self.notifications = notifications
    }
}
