/// The `llm` block of the configuration: which language model the `llm` and `hybrid` translators ask.
/// README "Configuration" lists each key.
public struct LLMSettings: Sendable, Codable, Hashable {
    /// `openai` (any OpenAI-compatible chat completions server) or `bedrock` (Amazon Bedrock Converse).
    public var provider: String
    /// Model id ("llama3.1", "gpt-4o-mini", "amazon.nova-lite-v1:0").
    public var model: String?
    /// OpenAI-compatible server root (`http://127.0.0.1:11434`); `/v1/chat/completions` is appended.
    public var baseURL: String?
    /// Bedrock endpoint override (VPC endpoint, test server).
    public var endpoint: String?
    /// Name of the environment variable holding the API key (OpenAI); none for local servers.
    public var apiKeyEnv: String?
    /// Bedrock region (default `AWS_REGION`, then `us-east-1`).
    public var region: String?
    /// Bedrock shared-file profile (default: the environment variables, then `AWS_PROFILE`/default).
    public var profile: String?
    /// Limit for one model call (each retry has its own). Default 30.
    public var timeoutSeconds: Double?
    /// Repair turns after a refused statement. Default 2.
    public var maxRepairTurns: Int?
    /// Send each column's example and distinct values with the schema. Default false: schema and profile only.
    public var shareSampleValues: Bool?

    public init(provider: String, model: String? = nil, baseURL: String? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
    }

    public static let providers = ["openai", "bedrock"]
    public static let translators = ["rules", "llm", "hybrid"]

    /// The model id used: the configured one, else the provider's default.
    public var modelId: String { model ?? (provider == "bedrock" ? "amazon.nova-lite-v1:0" : "gpt-4o-mini") }

    /// Problems a person can fix, or nil.
    func problem() -> String? {
        guard Self.providers.contains(provider) else {
            return "llm.provider \(provider) is not one of \(Self.providers.joined(separator: ", "))"
        }
        if provider == "openai", (baseURL ?? "").isEmpty { return "llm.baseURL is required for provider openai" }
        if let t = timeoutSeconds, !(t > 0) { return "llm.timeoutSeconds must be more than 0" }
        if let n = maxRepairTurns, n < 0 || n > 5 { return "llm.maxRepairTurns must be between 0 and 5" }
        return nil
    }
}
