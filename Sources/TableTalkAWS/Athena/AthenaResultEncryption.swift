/// How Athena encrypts the result files it writes to S3.
public enum AthenaResultEncryption: Sendable, Hashable {
    /// S3-managed keys (`SSE_S3`), the default.
    case sseS3
    /// A KMS key (`SSE_KMS` with its id or ARN).
    case sseKMS(keyId: String)

    var wire: AthenaWire.EncryptionConfiguration {
        switch self {
        case .sseS3: return AthenaWire.EncryptionConfiguration(EncryptionOption: "SSE_S3", KmsKey: nil)
        case .sseKMS(let key): return AthenaWire.EncryptionConfiguration(EncryptionOption: "SSE_KMS", KmsKey: key)
        }
    }
}
