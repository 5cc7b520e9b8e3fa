/// One AWS service as a client sees it: the SigV4 signing name, the endpoint host prefix, the signing options and
/// how requests and errors are encoded on the wire.
public struct AWSService: Sendable, Hashable {
    /// How a service encodes requests and errors.
    public enum WireProtocol: Sendable, Hashable {
        /// REST with XML bodies (S3).
        case restXML
        /// `POST /` with a JSON body, `X-Amz-Target: <targetPrefix>.<Action>` and this `application/x-amz-json-<version>`
        /// content type (Athena, Glue, DynamoDB, Cognito, CloudWatch Logs).
        case json(version: String, targetPrefix: String)
        /// `POST /` of form-encoded `Action=…&Version=…` with XML replies (SNS, SQS, CloudWatch).
        case query(apiVersion: String)
    }

    public var signingName: String
    public var endpointPrefix: String
    public var options: SigV4Options
    public var wire: WireProtocol

    public init(signingName: String, endpointPrefix: String, options: SigV4Options = .standard, wire: WireProtocol) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.options = options
        self.wire = wire
    }

    /// `https://<prefix>.<region>.amazonaws.com`, or the override (moto, LocalStack, a VPC endpoint) when given.
    public func endpoint(region: String, override: String?) -> String {
        if let override, !override.isEmpty {
            var base = override
            while base.hasSuffix("/") { base.removeLast() }
            return base
        }
        return "https://\(endpointPrefix).\(region).amazonaws.com"
    }

    public static let s3 = AWSService(signingName: "s3", endpointPrefix: "s3", options: .s3, wire: .restXML)
    public static let athena = AWSService(
        signingName: "athena", endpointPrefix: "athena", wire: .json(version: "1.1", targetPrefix: "AmazonAthena"))
    public static let glue = AWSService(
        signingName: "glue", endpointPrefix: "glue", wire: .json(version: "1.1", targetPrefix: "AWSGlue"))
    public static let dynamoDB = AWSService(
        signingName: "dynamodb", endpointPrefix: "dynamodb", wire: .json(version: "1.0", targetPrefix: "DynamoDB_20120810"))
    public static let cognitoIdentityProvider = AWSService(
        signingName: "cognito-idp", endpointPrefix: "cognito-idp",
        wire: .json(version: "1.1", targetPrefix: "AWSCognitoIdentityProviderService"))
    public static let cloudWatchLogs = AWSService(
        signingName: "logs", endpointPrefix: "logs", wire: .json(version: "1.1", targetPrefix: "Logs_20140328"))
    public static let cloudWatch = AWSService(signingName: "monitoring", endpointPrefix: "monitoring", wire: .query(apiVersion: "2010-08-01"))
    public static let sns = AWSService(signingName: "sns", endpointPrefix: "sns", wire: .query(apiVersion: "2010-03-31"))
    public static let sqs = AWSService(signingName: "sqs", endpointPrefix: "sqs", wire: .query(apiVersion: "2012-11-05"))
}
