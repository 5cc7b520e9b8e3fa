/// One call to a model as monitoring sees it: who, how long, whether it answered, and the tokens it reported.
public struct ModelCall: Sendable, Hashable {
    public var provider: String
    public var model: String
    public var latencyMs: Double
    /// Nil when the model answered; else the ``ChatModelError/Kind`` name ("timeout", "rateLimited"…).
    public var error: String?
    public var inputTokens: Int
    public var outputTokens: Int
    public init(provider: String, model: String, latencyMs: Double, error: String?, inputTokens: Int, outputTokens: Int) {
        self.provider = provider
        self.model = model
        self.latencyMs = latencyMs
        self.error = error
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}
