/// The JSON of the Bedrock Converse API (`POST /model/{modelId}/converse`): request, reply and error body.
enum BedrockConverseWire {
    struct TextBlock: Codable, Sendable {
        var text: String?
    }

    struct Message: Codable, Sendable {
        var role: String
        var content: [TextBlock]
    }

    struct InferenceConfig: Codable, Sendable {
        var maxTokens: Int
        var temperature: Double
    }

    /// `{"system": [{"text"}], "messages": [{"role", "content": [{"text"}]}], "inferenceConfig": {…}}`; no
    /// `system` when the prompt is empty (Converse refuses a blank text block).
    struct Request: Encodable, Sendable {
        var system: [TextBlock]?
        var messages: [Message]
        var inferenceConfig: InferenceConfig
    }

    /// `{"output": {"message": {"role", "content": [{"text"}…]}}, "stopReason", "usage": {"inputTokens", "outputTokens"}}`.
    struct Response: Decodable, Sendable {
        struct Output: Decodable, Sendable {
            var message: Message?
        }
        struct Usage: Decodable, Sendable {
            var inputTokens: Int?
            var outputTokens: Int?
        }
        var output: Output
        var stopReason: String?
        var usage: Usage?
    }

    /// `{"message": "…"}` (`Message` in some services), sometimes with `__type` naming the exception.
    struct ErrorBody: Decodable, Sendable {
        var message: String?
        var upperMessage: String?
        var type: String?

        enum CodingKeys: String, CodingKey {
            case message
            case upperMessage = "Message"
            case type = "__type"
        }
    }
}
