/// A request type: its stored properties are the method's params; `Response` is its result.
///
/// One type per method, in a folder per namespace, e.g. ``PingRequest`` or ``QueryRunRequest``.
public protocol RPCRequest: Codable, Sendable {
    associatedtype Response: Codable & Sendable
    /// The wire name, e.g. `query.run`.
    static var method: String { get }
}

/// A notification type (no reply), sent by either side.
public protocol RPCNotification: Codable, Sendable {
    static var method: String { get }
}

/// The empty object `{}`, as params or result.
public struct Empty: Codable, Hashable, Sendable {
    public init() {}
}
