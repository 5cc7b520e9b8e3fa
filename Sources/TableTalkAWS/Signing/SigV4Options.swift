/// The per-service differences in SigV4. Most services (Bedrock, Glue, Athena, DynamoDB) use ``standard``;
/// S3 uses ``s3``.
public struct SigV4Options: Sendable, Hashable {
    /// Standard services sign the path with dot segments and repeated slashes removed and percent-encoded a second
    /// time (`%3A` → `%253A`); S3 signs the path exactly as sent.
    public var normalizesPath: Bool
    /// Sends and signs `x-amz-content-sha256` (the body's SHA-256), which S3 requires.
    public var signsContentSHA256Header: Bool

    public init(normalizesPath: Bool = true, signsContentSHA256Header: Bool = false) {
        self.normalizesPath = normalizesPath
        self.signsContentSHA256Header = signsContentSHA256Header
    }

    public static let standard = SigV4Options()
    public static let s3 = SigV4Options(normalizesPath: false, signsContentSHA256Header: true)
}
