/// What HeadObject tells about an object: its size, ETag and the server-side encryption S3 applied.
public struct S3ObjectInfo: Sendable, Hashable {
    public var size: Int64
    public var etag: String?
    /// `AES256` or `aws:kms` (nil when S3 reports none).
    public var serverSideEncryption: String?
    /// The KMS key of SSE-KMS objects.
    public var kmsKeyId: String?

    public init(size: Int64, etag: String?, serverSideEncryption: String?, kmsKeyId: String?) {
        self.size = size
        self.etag = etag
        self.serverSideEncryption = serverSideEncryption
        self.kmsKeyId = kmsKeyId
    }

    init(headers: [String: String]) {
        self.init(
            size: headers["content-length"].flatMap { Int64($0) } ?? 0, etag: headers["etag"],
            serverSideEncryption: headers["x-amz-server-side-encryption"],
            kmsKeyId: headers["x-amz-server-side-encryption-aws-kms-key-id"])
    }
}
