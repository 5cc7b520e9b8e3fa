/// `upload.abort {uploadId}`: forgets an upload and deletes its bytes. Not possible while it is being parsed.
public struct UploadAbortRequest: RPCRequest, Hashable {
    public static let method = "upload.abort"
    public typealias Response = UploadAbortResult

    public var uploadId: String
    public init(uploadId: String) { self.uploadId = uploadId }
}

/// The upload that was aborted.
public struct UploadAbortResult: Codable, Sendable, Hashable {
    public var uploadId: String
    public var aborted: Bool
    public init(uploadId: String, aborted: Bool) {
        self.uploadId = uploadId
        self.aborted = aborted
    }
}
