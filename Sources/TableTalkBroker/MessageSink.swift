public import Foundation

/// Where a session writes its outgoing messages; the transport adds framing.
public protocol MessageSink: Sendable {
    /// Sends one encoded JSON-RPC message (or batch). Must not throw: a closed peer just drops it.
    func send(_ message: Data) async
    /// Closes the connection (after `exit`, or when the transport decides to).
    func close() async
}
