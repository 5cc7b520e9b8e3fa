/// `query.cancel {id}`: interrupts the running `query.run` whose JSON-RPC id is `id`, on the same connection.
/// That request is answered with `requestCancelled` (-32800), as with `$/cancelRequest`.
public struct QueryCancelRequest: RPCRequest, Hashable {
    public static let method = "query.cancel"
    public typealias Response = QueryCancelResult

    public var id: RequestID
    public init(id: RequestID) { self.id = id }
}

/// Whether a running query was found and interrupted.
public struct QueryCancelResult: Codable, Sendable, Hashable {
    public var cancelled: Bool
    public init(cancelled: Bool) { self.cancelled = cancelled }
}
