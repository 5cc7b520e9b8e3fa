/// Why no AWS credentials could be found, naming every place that was looked at.
public enum AWSCredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither the environment nor the profile files had credentials for `profile`.
    case notFound(profile: String, looked: [String])
    /// A profile has an access key id without a secret key, or the other way round.
    case incomplete(profile: String, file: String)

    public var description: String {
        switch self {
        case .notFound(let profile, let looked):
            "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add aws_access_key_id and "
                + "aws_secret_access_key to profile \"\(profile)\" (looked in \(looked.joined(separator: ", ")))"
        case .incomplete(let profile, let file):
            "AWS profile \"\(profile)\" in \(file) needs both aws_access_key_id and aws_secret_access_key"
        }
    }
}
