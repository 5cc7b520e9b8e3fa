/// `rpc.discover`: returns this server's OpenRPC document (`Protocol/openrpc.json`).
public struct DiscoverRequest: RPCRequest, Hashable {
    public static let method = "rpc.discover"
    public typealias Response = JSONValue
    public init() {}
}
