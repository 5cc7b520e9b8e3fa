/// `upload.status {uploadId}`: how many bytes arrived and the phase; an interrupted upload resumes by sending
/// parts from `received` on (this survives a server restart).
public struct UploadStatusRequest: RPCRequest, Hashable {
    public static let method = "upload.status"
    public typealias Response = UploadStatus

    public var uploadId: String
    public init(uploadId: String) { self.uploadId = uploadId }
}

/// The state of one upload.
public struct UploadStatus: Codable, Sendable, Hashable {
    public var uploadId: String
    public var name: String
    public var size: Int64
    /// Bytes received; the offset of the next part.
    public var received: Int64
    public var phase: UploadPhase
    /// The table it creates (or created, once `ready`).
    public var table: String?
    /// Why it failed, when `failed`.
    public var message: String?

    public init(
        uploadId: String, name: String, size: Int64, received: Int64, phase: UploadPhase, table: String? = nil,
        message: String? = nil
    ) {
        self.uploadId = uploadId
        self.name = name
        self.size = size
        self.received = received
        self.phase = phase
        self.table = table
        self.message = message
    }
}
