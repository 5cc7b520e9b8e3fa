/// `monitoring.stats {windowSeconds?}`: per-method request counts, error counts and latency percentiles.
public struct MonitoringStatsRequest: RPCRequest, Hashable {
    public static let method = "monitoring.stats"
    public typealias Response = MonitoringStats
    /// Window to summarise (default 300 s, at most the retention of 3600 s).
    public var windowSeconds: Int?
    public init(windowSeconds: Int? = nil) { self.windowSeconds = windowSeconds }
}

/// Request statistics over a window.
public struct MonitoringStats: Codable, Sendable, Hashable {
    public struct MethodStats: Codable, Sendable, Hashable {
        public var method: String
        public var count: Int
        public var errors: Int
        public var p50Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public init(method: String, count: Int, errors: Int, p50Ms: Double, p95Ms: Double, p99Ms: Double) {
            self.method = method
            self.count = count
            self.errors = errors
            self.p50Ms = p50Ms
            self.p95Ms = p95Ms
            self.p99Ms = p99Ms
        }
    }
    /// Calls to one language model (translator `llm`/`hybrid`) over the window.
    public struct ModelStats: Codable, Sendable, Hashable {
        public var provider: String
        public var model: String
        public var count: Int
        public var errors: Int
        public var p50Ms: Double
        public var p95Ms: Double
        public var inputTokens: Int
        public var outputTokens: Int
        public init(
            provider: String, model: String, count: Int, errors: Int, p50Ms: Double, p95Ms: Double, inputTokens: Int,
            outputTokens: Int
        ) {
            self.provider = provider
            self.model = model
            self.count = count
            self.errors = errors
            self.p50Ms = p50Ms
            self.p95Ms = p95Ms
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
        }
    }
    public var windowSeconds: Int
    public var totalRequests: Int
    public var totalErrors: Int
    public var activeConnections: Int
    public var methods: [MethodStats]
    /// Language model calls per provider and model (absent when no model was called in the window).
    public var models: [ModelStats]? = nil
    public init(windowSeconds: Int, totalRequests: Int, totalErrors: Int, activeConnections: Int, methods: [MethodStats]) {
        self.windowSeconds = windowSeconds
        self.totalRequests = totalRequests
        self.totalErrors = totalErrors
        self.activeConnections = activeConnections
        self.methods = methods
    }
}
