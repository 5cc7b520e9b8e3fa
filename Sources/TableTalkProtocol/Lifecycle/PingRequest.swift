/// `ping`: answers `{}`. Allowed before `initialize`, for liveness checks.
public struct PingRequest: RPCRequest, Hashable {
    public static let method = "ping"
    public typealias Response = Empty
    public init() {}
}
