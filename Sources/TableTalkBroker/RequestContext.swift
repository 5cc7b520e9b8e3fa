public import Logging
public import TableTalkCore
public import TableTalkProtocol

/// What a handler knows about the request it serves: who asks, on which connection, how to send
/// notifications back, and whether the client has cancelled.
public struct RequestContext: Sendable {
    public let principal: Principal
    /// The connection (session) id, unique per process.
    public let connectionID: String
    public let requestID: RequestID?
    public let method: String
    public let logger: Logger
    /// Set when the client sends `$/cancelRequest` for this request or disconnects.
    public let cancellation: CancellationFlag
    let session: Session?
    let hub: ConnectionHub

    /// Sends a notification to this request's connection.
    public func notify<N: RPCNotification>(_ notification: N) async {
        await session?.notify(notification)
    }

    /// Throws ``RPCError/cancelled`` when the request was cancelled; call between steps of long work.
    public func checkCancelled() throws {
        if cancellation.isCancelled || Task.isCancelled { throw RPCError.cancelled }
    }
}
