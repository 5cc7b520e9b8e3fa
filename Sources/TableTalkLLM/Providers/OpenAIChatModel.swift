public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A model behind any OpenAI-compatible `POST {base}/v1/chat/completions` (OpenAI, llama.cpp, Ollama, vLLM):
/// system prompt first, temperature and token cap; bearer key when configured, none for local servers.
/// Retries, timeouts and cancellation come from ``HTTPExchange``.
public struct OpenAIChatModel: ChatModel {
    public let provider = "openai"
    public let configuration: OpenAIConfiguration
    let exchange: HTTPExchange

    public var model: String { configuration.model }

    public init(configuration: OpenAIConfiguration, client: HTTPClient = HTTPExchange.modelClient) {
        self.configuration = configuration
        exchange = HTTPExchange(client: client, timeout: configuration.timeout, retry: configuration.retry)
    }

    public func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        var messages = [OpenAIWire.Request.Message(role: "system", content: request.system)]
        messages += request.messages.map { .init(role: $0.role.rawValue, content: $0.text) }
        let body = try JSONEncoder().encode(
            OpenAIWire.Request(
                model: configuration.model, messages: messages, temperature: request.temperature,
                maxTokens: request.maxTokens))
        let (url, key) = (configuration.completionsURL, configuration.apiKey)
        let response = try await exchange.send({
            var http = HTTPClientRequest(url: url)
            http.method = .POST
            http.headers.add(name: "Content-Type", value: "application/json")
            http.headers.add(name: "Accept", value: "application/json")
            if let key { http.headers.add(name: "Authorization", value: "Bearer \(key)") }
            http.body = .bytes(ByteBuffer(bytes: body))
            return http
        }, describe: Self.errorMessage)
        guard response.status < 400 else {
            throw ChatModelError(
                .rejected, status: response.status, Self.errorMessage(response.body) ?? "HTTP \(response.status)")
        }
        let decoded: OpenAIWire.Response
        do {
            decoded = try JSONDecoder().decode(OpenAIWire.Response.self, from: Data(response.body.readableBytesView))
        } catch {
            throw ChatModelError(.malformedReply, status: response.status, "the reply is not a chat completion: \(error)")
        }
        guard let choice = decoded.choices.first, let text = choice.message.content else {
            throw ChatModelError(.malformedReply, status: response.status, "the reply has no message content")
        }
        return ChatModelReply(
            text: text, inputTokens: decoded.usage?.promptTokens, outputTokens: decoded.usage?.completionTokens,
            stopReason: choice.finishReason)
    }

    /// `error.message` of an OpenAI error body, with its type and code when given.
    static func errorMessage(_ body: ByteBuffer) -> String? {
        guard let e = try? JSONDecoder().decode(OpenAIWire.ErrorBody.self, from: Data(body.readableBytesView)) else { return nil }
        var text = e.error.message ?? "error"
        let extra = [e.error.type, e.error.code?.text].compactMap { $0 }.filter { !$0.isEmpty }
        if !extra.isEmpty { text += " (" + extra.joined(separator: ", ") + ")" }
        return text
    }
}
