/// `upload.chunk {uploadId, offset, data}`: appends base64 `data` at `offset`, which must equal the bytes received
/// so far (else `uploadOffsetMismatch` with `data.expected`).
public struct UploadChunkRequest: RPCRequest, Hashable {
    public static let method = "upload.chunk"
    public typealias Response = UploadChunkResult

    public var uploadId: String
    public var offset: Int64
    /// The part's bytes, base64 (standard alphabet, padding optional).
    public var data: String

    public init(uploadId: String, offset: Int64, data: String) {
        self.uploadId = uploadId
        self.offset = offset
        self.data = data
    }
}

/// Bytes received so far (the offset of the next part).
public struct UploadChunkResult: Codable, Sendable, Hashable {
    public var received: Int64
    public init(received: Int64) { self.received = received }
}
