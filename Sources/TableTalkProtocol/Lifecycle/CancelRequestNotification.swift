/// `$/cancelRequest {id}` (notification): cancels the request with that id if it is still running.
/// The cancelled request is answered once, with error `-32800`.
public struct CancelRequestNotification: RPCNotification, Hashable {
    public static let method = "$/cancelRequest"
    public var id: RequestID
    public init(id: RequestID) { self.id = id }
}
