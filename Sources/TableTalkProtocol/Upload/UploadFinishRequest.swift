/// `upload.finish {uploadId}`: verifies size and sha256, then parses the file into a typed table (replacing a
/// table of the same name atomically) and returns its schema. `upload.progress` reports parsing and loading.
public struct UploadFinishRequest: RPCRequest, Hashable {
    public static let method = "upload.finish"
    public typealias Response = UploadResult

    public var uploadId: String
    public init(uploadId: String) { self.uploadId = uploadId }
}
