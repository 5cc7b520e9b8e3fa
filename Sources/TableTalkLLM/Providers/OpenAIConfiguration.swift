public import TableTalkCore
/// Where and how to reach an OpenAI-compatible chat completions endpoint.
public struct OpenAIConfiguration: Sendable, Hashable {
    /// Server root (`https://api.openai.com`, `http://127.0.0.1:11434`); `/v1/chat/completions` is appended
    /// (a root that already ends in `/v1` gets only `/chat/completions`).
    public var baseURL: String
    public var model: String
    /// Sent as `Authorization: Bearer …`; nil for local servers that need none.
    public var apiKey: String?
    /// Limit for one HTTP exchange (each try has its own).
    public var timeout: Duration
    public var retry: RetryPolicy

    public init(
        baseURL: String, model: String, apiKey: String? = nil, timeout: Duration = .seconds(30), retry: RetryPolicy = .init()
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.retry = retry
    }

    /// The full chat completions URL.
    public var completionsURL: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions"
    }

    /// The key named by `variable` in `environment`, nil when the name or the value is empty (local servers).
    public static func apiKey(variable: String?, environment: [String: String]) -> String? {
        guard let variable, !variable.isEmpty, let value = environment[variable], !value.isEmpty else { return nil }
        return value
    }
}
