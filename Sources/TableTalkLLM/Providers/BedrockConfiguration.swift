public import TableTalkCore
import TableTalkAWS

/// Where and how to reach a model through the Amazon Bedrock Converse API.
public struct BedrockConfiguration: Sendable, Hashable {
    /// Bedrock model id or inference profile ("amazon.nova-lite-v1:0", "us.amazon.nova-pro-v1:0").
    public var modelId: String
    public var region: String
    /// Endpoint override (a VPC endpoint, a test server); nil means `https://bedrock-runtime.{region}.amazonaws.com`.
    public var endpoint: String?
    /// Shared-file profile to read credentials from; nil means the environment variables, then `AWS_PROFILE`/default.
    public var profile: String?
    /// Limit for one HTTP exchange (each try has its own).
    public var timeout: Duration
    public var retry: RetryPolicy

    public init(
        modelId: String = "amazon.nova-lite-v1:0", region: String, endpoint: String? = nil, profile: String? = nil,
        timeout: Duration = .seconds(30), retry: RetryPolicy = .init()
    ) {
        self.modelId = modelId
        self.region = region
        self.endpoint = endpoint
        self.profile = profile
        self.timeout = timeout
        self.retry = retry
    }

    /// The endpoint requests go to.
    public var endpointURL: String {
        if let endpoint, !endpoint.isEmpty { return endpoint }
        return "https://bedrock-runtime.\(region).amazonaws.com"
    }

    /// `POST` target: `{endpoint}/model/{modelId}/converse`, the model id percent-encoded (`:` → `%3A`).
    public var converseURL: String {
        var base = endpointURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/model/" + AWSURIEncoding.encode(modelId) + "/converse"
    }

    /// The SigV4 signing name of bedrock-runtime.
    public static let signingService = "bedrock"
}
