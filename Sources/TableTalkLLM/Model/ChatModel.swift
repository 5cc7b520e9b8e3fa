/// A language model behind an HTTP chat API (Bedrock Converse, OpenAI-compatible chat completions). The LLM
/// translator talks only to this port, so providers are swappable and tests use scripted servers.
public protocol ChatModel: Sendable {
    /// Provider name for answers, logs and metrics ("bedrock", "openai").
    var provider: String { get }
    /// Model id as the provider names it ("amazon.nova-lite-v1:0", "llama3.1").
    var model: String { get }
    /// One completion; throws ``ChatModelError`` (after the provider's own retries) or `CancellationError`.
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply
}

/// One message of a conversation with a model.
public struct ChatMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable { case user, assistant }
    public var role: Role
    public var text: String
    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}

/// What is sent to a model: the system prompt and the turns so far.
public struct ChatModelRequest: Sendable, Hashable {
    public var system: String
    public var messages: [ChatMessage]
    public var maxTokens: Int
    public var temperature: Double
    public init(system: String, messages: [ChatMessage], maxTokens: Int = 800, temperature: Double = 0) {
        self.system = system
        self.messages = messages
        self.maxTokens = maxTokens
        self.temperature = temperature
    }
}

/// A model's reply with the usage the provider reported.
public struct ChatModelReply: Sendable, Hashable {
    public var text: String
    public var inputTokens: Int?
    public var outputTokens: Int?
    /// The provider's stop reason ("end_turn", "stop", "max_tokens", "length").
    public var stopReason: String?
    public init(text: String, inputTokens: Int? = nil, outputTokens: Int? = nil, stopReason: String? = nil) {
        self.text = text
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.stopReason = stopReason
    }
}

/// Why a model gave no reply, in words an operator can act on.
public struct ChatModelError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// No reply within the configured time.
        case timeout
        /// 429 after every retry.
        case rateLimited
        /// 5xx after every retry, or the connection failed.
        case unavailable
        /// The provider refused the request (4xx other than 429: bad credentials, unknown model, bad input).
        case rejected
        /// The reply was not in the provider's format.
        case malformedReply
    }
    public var kind: Kind
    /// HTTP status, when there was one.
    public var status: Int?
    public var message: String
    public init(_ kind: Kind, status: Int? = nil, _ message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }
    public var description: String { "\(kind.rawValue)\(status.map { " (HTTP \($0))" } ?? ""): \(message)" }
}
