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
    /// Starts a part whose bytes arrive in pieces (a `PUT` body as it comes off the socket), so they can be
    /// written as they arrive instead of being collected first. Checks the upload, `offset` and the announced
    /// `length` (nil when unknown) like ``receivePart(uploadId:offset:data:principal:)`` does.
    func openPart(uploadId: String, offset: Int64, length: Int64?, principal: Principal) async throws -> any UploadPartWriter
}

/// One part being received (see ``UploadPartReceiver/openPart(uploadId:offset:length:principal:)``): append the
/// bytes in order, then ``commit()`` (the part counts) or ``cancel()`` (the upload stays at the part's offset).
/// Used by one task at a time.
public protocol UploadPartWriter: Sendable {
    /// Appends the next bytes of the part; throws ``TableTalkError`` (`uploadTooLarge`) past the allowed length.
    func append(_ bytes: UnsafeRawBufferPointer) throws
    /// Makes the appended bytes count; returns the bytes received so far.
    func commit() async throws -> Int64
    /// Forgets the appended bytes.
    func cancel() async
}

extension UploadPartReceiver {
    /// Default: collects the part in memory and hands it to ``receivePart(uploadId:offset:data:principal:)``.
    public func openPart(uploadId: String, offset: Int64, length: Int64?, principal: Principal) async throws
        -> any UploadPartWriter
    {
        BufferedUploadPartWriter(receiver: self, uploadId: uploadId, offset: offset, principal: principal)
    }
}

/// The default ``UploadPartWriter``: bytes in memory until ``commit()``.
final class BufferedUploadPartWriter: UploadPartWriter, @unchecked Sendable {
    private let receiver: any UploadPartReceiver
    private let uploadId: String
    private let offset: Int64
    private let principal: Principal
    /// Only touched by the one task using the writer.
    private var data = Data()

    init(receiver: any UploadPartReceiver, uploadId: String, offset: Int64, principal: Principal) {
        self.receiver = receiver
        self.uploadId = uploadId
        self.offset = offset
        self.principal = principal
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard data.count + bytes.count <= receiver.maxPartSize else {
            throw TableTalkError(
                .uploadTooLarge, "a part may be at most \(receiver.maxPartSize) bytes", details: ["limit": String(receiver.maxPartSize)])
        }
        data.append(contentsOf: bytes)
    }

    func commit() async throws -> Int64 {
        try await receiver.receivePart(uploadId: uploadId, offset: offset, data: data, principal: principal)
    }

    func cancel() async { data = Data() }
}
