/// Protocol versioning: `MAJOR.MINOR`. A server speaks every minor of the majors it lists; a client
/// asking for another major gets ``ErrorCode/unsupportedProtocolVersion`` naming the supported ones.
public enum ProtocolVersion {
    public static let current = "1.0"
    public static let supportedMajors = [1]

    /// The major number of a version string like `1.0` or `1`, or nil when it is not one.
    public static func major(of version: String) -> Int? {
        Int(version.split(separator: ".", maxSplits: 1).first ?? "")
    }
}
