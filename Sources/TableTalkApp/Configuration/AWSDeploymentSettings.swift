import Foundation

/// The `aws` block of the configuration: where the AWS deployment (`deployment: "aws"`) keeps everything. Each key
/// is also read from `TABLETALK_AWS_<KEY>` (upper snake case, e.g. `TABLETALK_AWS_DYNAMODB_TABLE`); README
/// "Configuration" lists them, and the CloudFormation stack in `deploy/` outputs every value.
public struct AWSDeploymentSettings: Sendable, Codable, Hashable {
    /// Region of every service (default `AWS_REGION`, `AWS_DEFAULT_REGION`, then `us-east-1`).
    public var region: String?
    /// One endpoint for every service (moto, LocalStack, a proxy); nil for the real regional endpoints.
    public var endpointOverride: String?
    /// S3 bucket of uploads and Athena data (required).
    public var bucket: String?
    /// Key prefix inside the bucket; objects go under `<prefix>users/<principal>/`. Default `tabletalk/`.
    public var prefix: String?
    /// KMS key for SSE-KMS; nil means SSE-S3 (AES-256).
    public var sseKmsKeyId: String?
    /// Glue databases are `<glueDatabasePrefix><principal>`. Default `tabletalk_`.
    public var glueDatabasePrefix: String?
    /// Athena workgroup (bytes-scanned cutoff and result encryption are enforced by it). Default `primary`.
    public var athenaWorkgroup: String?
    /// Where Athena writes results. Default `s3://<bucket>/<prefix>athena-results/`.
    public var athenaOutputLocation: String?
    /// Per-query bytes-scanned limit sent when the workgroup does not enforce its own (at least 10 MiB).
    public var athenaBytesScannedCutoff: Int64?
    /// DynamoDB table of history (`PK`/`SK` strings; required).
    public var dynamoDBTable: String?
    /// Cognito user pool whose tokens `serve` accepts (required).
    public var cognitoUserPoolId: String?
    /// App client id the tokens must be issued to (`aud` of ID tokens, `client_id` of access tokens; required).
    public var cognitoClientId: String?
    /// Which Cognito tokens are accepted: `id`, `access` or both. Default both.
    public var cognitoTokenUse: [String]?
    /// Also accept tokens of `tabletalk token create` and the URL `serve` prints. Default false: Cognito only.
    public var allowLocalTokens: Bool?
    /// CloudWatch metrics namespace. Default `TableTalk`.
    public var cloudWatchNamespace: String?
    /// Seconds between metric batches sent to CloudWatch. Default 60.
    public var metricsIntervalSeconds: Double?
    /// Lifetime of presigned upload part URLs. Default 900 (15 minutes).
    public var presignExpirySeconds: Int?

    public init() {}

    public static let defaultPrefix = "tabletalk/"
    public static let defaultGlueDatabasePrefix = "tabletalk_"
    public static let defaultWorkgroup = "primary"
    public static let defaultNamespace = "TableTalk"
    public static let tokenUses = ["id", "access"]
    /// Athena's smallest per-query cutoff.
    public static let minimumBytesScannedCutoff: Int64 = 10 << 20

    /// The settings with every default filled in (`region` from `environment` when unset).
    public struct Resolved: Sendable, Hashable {
        public var region: String
        public var endpointOverride: String?
        public var bucket: String
        public var prefix: String
        public var sseKmsKeyId: String?
        public var glueDatabasePrefix: String
        public var athenaWorkgroup: String
        public var athenaOutputLocation: String
        public var athenaBytesScannedCutoff: Int64?
        public var dynamoDBTable: String
        public var cognitoUserPoolId: String
        public var cognitoClientId: String
        public var cognitoTokenUse: Set<String>
        public var allowLocalTokens: Bool
        public var cloudWatchNamespace: String
        public var metricsIntervalSeconds: Double
        public var presignExpirySeconds: Int
    }

    /// Every default applied; throws ``ConfigurationError`` naming each missing or invalid key.
    public func resolved(environment: [String: String]) throws -> Resolved {
        if let problem = problems(environment: environment).first { throw ConfigurationError(problem) }
        let prefix = prefix ?? Self.defaultPrefix
        return Resolved(
            region: region ?? Self.environmentRegion(environment) ?? "us-east-1",
            endpointOverride: endpointOverride.flatMap { $0.isEmpty ? nil : $0 },
            bucket: bucket ?? "", prefix: prefix, sseKmsKeyId: sseKmsKeyId.flatMap { $0.isEmpty ? nil : $0 },
            glueDatabasePrefix: glueDatabasePrefix ?? Self.defaultGlueDatabasePrefix,
            athenaWorkgroup: athenaWorkgroup ?? Self.defaultWorkgroup,
            athenaOutputLocation: athenaOutputLocation ?? "s3://\(bucket ?? "")/\(prefix)athena-results/",
            athenaBytesScannedCutoff: athenaBytesScannedCutoff, dynamoDBTable: dynamoDBTable ?? "",
            cognitoUserPoolId: cognitoUserPoolId ?? "", cognitoClientId: cognitoClientId ?? "",
            cognitoTokenUse: Set(cognitoTokenUse ?? Self.tokenUses), allowLocalTokens: allowLocalTokens ?? false,
            cloudWatchNamespace: cloudWatchNamespace ?? Self.defaultNamespace,
            metricsIntervalSeconds: metricsIntervalSeconds ?? 60, presignExpirySeconds: presignExpirySeconds ?? 900)
    }

    /// What a person must fix before the AWS deployment can start, each naming the key and its variable.
    public func problems(environment: [String: String] = [:]) -> [String] {
        var out: [String] = []
        func required(_ value: String?, _ key: String) {
            if (value ?? "").isEmpty { out.append("deployment aws needs aws.\(key) (\(Self.variable(key)))") }
        }
        required(bucket, "bucket")
        required(dynamoDBTable, "dynamoDBTable")
        required(cognitoUserPoolId, "cognitoUserPoolId")
        required(cognitoClientId, "cognitoClientId")
        if let r = region ?? Self.environmentRegion(environment), !Self.isRegion(r) {
            out.append("aws.region \(r) is not a region name such as eu-west-1")
        }
        if let e = endpointOverride, !e.isEmpty, !(e.hasPrefix("http://") || e.hasPrefix("https://")) {
            out.append("aws.endpointOverride \(e) must be an http:// or https:// URL")
        }
        if let p = prefix, p.hasPrefix("/") || (!p.isEmpty && !p.hasSuffix("/")) {
            out.append("aws.prefix \(p) must not start with / and must end with / (e.g. tabletalk/)")
        }
        if let pool = cognitoUserPoolId, !pool.isEmpty, !pool.contains("_") {
            out.append("aws.cognitoUserPoolId \(pool) is not a user pool id (<region>_<id>)")
        }
        if let uses = cognitoTokenUse {
            if uses.isEmpty || !uses.allSatisfy(Self.tokenUses.contains) {
                out.append("aws.cognitoTokenUse must list id, access or both")
            }
        }
        if let location = athenaOutputLocation, !location.hasPrefix("s3://") {
            out.append("aws.athenaOutputLocation \(location) must be an s3:// URL")
        }
        if let cutoff = athenaBytesScannedCutoff, cutoff < Self.minimumBytesScannedCutoff {
            out.append("aws.athenaBytesScannedCutoff must be at least \(Self.minimumBytesScannedCutoff) (10 MiB, Athena's minimum)")
        }
        if let s = presignExpirySeconds, s < 1 || s > 604_800 {
            out.append("aws.presignExpirySeconds must be between 1 and 604800 (7 days, SigV4's limit)")
        }
        if let s = metricsIntervalSeconds, !(s >= 1) { out.append("aws.metricsIntervalSeconds must be at least 1") }
        return out
    }

    /// Overrides keys from `TABLETALK_AWS_*` variables; throws for values of the wrong type.
    mutating func apply(environment env: [String: String]) throws {
        func text(_ key: String, _ set: (inout AWSDeploymentSettings, String) -> Void) {
            if let v = env[Self.variable(key)] { set(&self, v) }
        }
        func parsed<T: LosslessStringConvertible>(_ key: String, _ set: (inout AWSDeploymentSettings, T) -> Void) throws {
            guard let raw = env[Self.variable(key)] else { return }
            guard let v = T(raw) else { throw ConfigurationError("\(Self.variable(key))=\(raw) is not a valid \(T.self)") }
            set(&self, v)
        }
        text("region") { $0.region = $1 }
        text("endpointOverride") { $0.endpointOverride = $1 }
        text("bucket") { $0.bucket = $1 }
        text("prefix") { $0.prefix = $1 }
        text("sseKmsKeyId") { $0.sseKmsKeyId = $1 }
        text("glueDatabasePrefix") { $0.glueDatabasePrefix = $1 }
        text("athenaWorkgroup") { $0.athenaWorkgroup = $1 }
        text("athenaOutputLocation") { $0.athenaOutputLocation = $1 }
        try parsed("athenaBytesScannedCutoff") { $0.athenaBytesScannedCutoff = $1 }
        text("dynamoDBTable") { $0.dynamoDBTable = $1 }
        text("cognitoUserPoolId") { $0.cognitoUserPoolId = $1 }
        text("cognitoClientId") { $0.cognitoClientId = $1 }
        text("cognitoTokenUse") { $0.cognitoTokenUse = $1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        try parsed("allowLocalTokens") { $0.allowLocalTokens = $1 }
        text("cloudWatchNamespace") { $0.cloudWatchNamespace = $1 }
        try parsed("metricsIntervalSeconds") { $0.metricsIntervalSeconds = $1 }
        try parsed("presignExpirySeconds") { $0.presignExpirySeconds = $1 }
    }

    /// Service names written as one word in variables, as people write them (`DYNAMODB`, `CLOUDWATCH`).
    static let oneWordVariables = ["dynamoDBTable": "TABLETALK_AWS_DYNAMODB_TABLE", "cloudWatchNamespace": "TABLETALK_AWS_CLOUDWATCH_NAMESPACE"]

    /// `cognitoUserPoolId` → `TABLETALK_AWS_COGNITO_USER_POOL_ID`: a capital letter after a lower-case one starts a
    /// word, except in ``oneWordVariables``.
    static func variable(_ key: String) -> String {
        if let spelt = oneWordVariables[key] { return spelt }
        var out = "TABLETALK_AWS_"
        var previous: Character?
        for ch in key {
            if ch.isUppercase, let p = previous, p.isLowercase { out.append("_") }
            out += ch.uppercased()
            previous = ch
        }
        return out
    }

    static func environmentRegion(_ env: [String: String]) -> String? {
        [env["AWS_REGION"], env["AWS_DEFAULT_REGION"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`: letters and digits in dash-separated words.
    static func isRegion(_ r: String) -> Bool {
        let words = r.split(separator: "-", omittingEmptySubsequences: false)
        return words.count >= 3 && words.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
            && words.last!.allSatisfy(\.isNumber)
    }
}
