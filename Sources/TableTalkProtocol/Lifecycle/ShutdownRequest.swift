/// `shutdown`: the server stops taking new requests and finishes those in flight; `exit` then ends the session.
public struct ShutdownRequest: RPCRequest, Hashable {
    public static let method = "shutdown"
    public typealias Response = Empty
    public init() {}
}

/// `exit` (notification): ends the session; on stdio the process exits (code 0 after `shutdown`, 1 otherwise).
public struct ExitNotification: RPCNotification, Hashable {
    public static let method = "exit"
    public init() {}
}
