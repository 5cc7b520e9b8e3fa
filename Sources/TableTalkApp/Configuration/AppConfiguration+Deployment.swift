/// The deployment switch: its names and the facts `initialize` reports about it (`capabilities.features`), so a
/// client can tell the deployments apart there and nowhere else.
extension AppConfiguration {
    public static let embedded = "embedded"
    public static let awsDeploymentName = "aws"
    public static let deployments = [embedded, awsDeploymentName]

    /// Whether the AWS adapters serve this process.
    public var isAWS: Bool { deployment == Self.awsDeploymentName }

    /// `deployment`, `engine`, `history`, `objectStore`, `auth` and `uploadParts` for `initialize`.
    public var deploymentFeatures: [String: String] {
        if isAWS {
            return [
                "deployment": Self.awsDeploymentName, "engine": "athena", "history": "dynamodb", "objectStore": "s3",
                "auth": "cognito", "uploadParts": "presigned S3 multipart part URLs (partUrls)",
            ]
        }
        return [
            "deployment": Self.embedded, "engine": "sqlite", "history": "sqlite", "objectStore": "local",
            "auth": "token", "uploadParts": "PUT /uploads/{uploadId}?offset=N",
        ]
    }
}
