/// `upload.partUrls {uploadId, partNumbers?}`: fresh part URLs of a direct upload (those of `upload.begin` expire);
/// all parts when `partNumbers` is absent.
public struct UploadPartUrlsRequest: RPCRequest, Hashable {
    public static let method = "upload.partUrls"
    public typealias Response = UploadPartUrlsResult

    public var uploadId: String
    public var partNumbers: [Int]?

    public init(uploadId: String, partNumbers: [Int]? = nil) {
        self.uploadId = uploadId
        self.partNumbers = partNumbers
    }
}

/// The fresh URLs and when they expire.
public struct UploadPartUrlsResult: Codable, Sendable, Hashable {
    public var uploadId: String
    public var partUrls: [UploadPartURL]
    /// ISO 8601.
    public var partUrlsExpireAt: String

    public init(uploadId: String, partUrls: [UploadPartURL], partUrlsExpireAt: String) {
        self.uploadId = uploadId
        self.partUrls = partUrls
        self.partUrlsExpireAt = partUrlsExpireAt
    }
}
