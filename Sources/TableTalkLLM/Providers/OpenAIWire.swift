/// The JSON of `POST /v1/chat/completions` as OpenAI-compatible servers (OpenAI, llama.cpp, Ollama, vLLM) speak it.
enum OpenAIWire {
    /// The request body: the model, the messages (system first), temperature and the token cap.
    struct Request: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        var model: String
        var messages: [Message]
        var temperature: Double
        var maxTokens: Int

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature
            case maxTokens = "max_tokens"
        }
    }

    /// A successful reply: the first choice's message and finish reason, and the token usage.
    struct Response: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message
            var finishReason: String?
            enum CodingKeys: String, CodingKey {
                case message
                case finishReason = "finish_reason"
            }
        }
        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?
            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }
        }
        var choices: [Choice]
        var usage: Usage?
    }

    /// An error reply: `{"error": {"message", "type", "code"}}` (`code` is a string, a number or null).
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var message: String?
            var type: String?
            var code: Code?
        }
        /// `code` as the server sent it, in text.
        struct Code: Decodable {
            var text: String
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self) { text = s }
                else if let i = try? c.decode(Int.self) { text = String(i) }
                else { text = "" }
            }
        }
        var error: Detail
    }
}
