/// Server-side encryption asked for on every S3 write (PutObject and CreateMultipartUpload; the parts of a
/// multipart upload inherit it): SSE-S3 (`AES256`, the default) or SSE-KMS with a key of the configuration.
public enum S3Encryption: Sendable, Hashable {
    /// SSE-S3: keys managed by S3.
    case s3
    /// SSE-KMS with this key id or ARN.
    case kms(keyId: String)

    /// The request headers that ask for it.
    public var headers: [(name: String, value: String)] {
        switch self {
        case .s3:
            return [(name: "x-amz-server-side-encryption", value: "AES256")]
        case .kms(let keyId):
            return [
                (name: "x-amz-server-side-encryption", value: "aws:kms"),
                (name: "x-amz-server-side-encryption-aws-kms-key-id", value: keyId),
            ]
        }
    }
}
