public import Foundation
public import TableTalkCore

/// Receives raw upload parts sent over HTTP (`PUT /uploads/{id}?offset=N`) so transports can hand bytes to the
/// upload capability without importing it.
public protocol UploadPartReceiver: Sendable {
    /// Appends `data` at `offset`; returns the bytes received so far. Throws ``TableTalkError`` on a wrong
    /// offset, an unknown upload or one that belongs to another principal.
    func receivePart(uploadId: String, offset: Int64, data: Data, principal: Principal) async throws -> Int64
    /// The largest part the server accepts in one request.
    var maxPartSize: Int { get }
}
