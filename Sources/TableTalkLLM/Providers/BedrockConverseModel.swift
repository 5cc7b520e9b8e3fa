public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import TableTalkAWS

/// A model on Amazon Bedrock (Amazon Nova Micro/Lite/Pro and others) through the Converse API: the request is
/// JSON, SigV4-signed for the service "bedrock" with credentials read for each try (so refreshed session tokens
/// are used). Retries, timeouts and cancellation come from ``HTTPExchange``.
public struct BedrockConverseModel: ChatModel {
    public let provider = "bedrock"
    public let configuration: BedrockConfiguration
    let exchange: HTTPExchange
    let credentials: @Sendable () throws -> AWSCredentials

    public var model: String { configuration.modelId }

    /// - Parameter credentials: where keys come from; by default the AWS environment variables and profile files.
    public init(
        configuration: BedrockConfiguration, client: HTTPClient = HTTPExchange.modelClient,
        credentials: (@Sendable () throws -> AWSCredentials)? = nil
    ) {
        self.configuration = configuration
        exchange = HTTPExchange(client: client, timeout: configuration.timeout, retry: configuration.retry)
        let profile = configuration.profile
        self.credentials = credentials ?? { try AWSEnvironment().credentials(profile: profile) }
    }

    public func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        let body = try Self.encode(request)
        let (url, region, credentials) = (configuration.converseURL, configuration.region, self.credentials)
        let response = try await exchange.send({
            let keys: AWSCredentials
            do { keys = try credentials() } catch {
                throw ChatModelError(.rejected, "no AWS credentials for Bedrock: \(error)")
            }
            let signer = SigV4Signer(credentials: keys, region: region, service: BedrockConfiguration.signingService)
            let signed: SigV4SignedRequest
            do {
                signed = try signer.sign(
                    SigV4Request(
                        method: "POST", url: url,
                        headers: [("Content-Type", "application/json"), ("Accept", "application/json")], body: body))
            } catch {
                throw ChatModelError(.rejected, "bad Bedrock endpoint: \(error)")
            }
            var http = HTTPClientRequest(url: url)
            http.method = .POST
            for (name, value) in signed.headers { http.headers.add(name: name, value: value) }
            http.body = .bytes(ByteBuffer(bytes: body))
            return http
        }, describe: { Self.errorDescription($0) })
        guard response.status < 400 else {
            let decoded = try? JSONDecoder().decode(BedrockConverseWire.ErrorBody.self, from: Data(response.body.readableBytesView))
            let type = BedrockErrorMapping.errorType(header: response.headers.first(name: "x-amzn-errortype"), bodyType: decoded?.type)
            let message = decoded?.message ?? decoded?.upperMessage ?? "HTTP \(response.status)"
            throw BedrockErrorMapping.error(status: response.status, errorType: type, message: message)
        }
        return try Self.decode(response.body, status: response.status)
    }

    /// The Converse request body for `request`.
    static func encode(_ request: ChatModelRequest) throws -> [UInt8] {
        let wire = BedrockConverseWire.Request(
            system: request.system.isEmpty ? nil : [.init(text: request.system)],
            messages: request.messages.map { .init(role: $0.role.rawValue, content: [.init(text: $0.text)]) },
            inferenceConfig: .init(maxTokens: request.maxTokens, temperature: request.temperature))
        return Array(try JSONEncoder().encode(wire))
    }

    /// The reply's text blocks joined, with usage and stop reason; ``ChatModelError/Kind/malformedReply`` otherwise.
    static func decode(_ body: ByteBuffer, status: Int) throws -> ChatModelReply {
        let decoded: BedrockConverseWire.Response
        do {
            decoded = try JSONDecoder().decode(BedrockConverseWire.Response.self, from: Data(body.readableBytesView))
        } catch {
            throw ChatModelError(.malformedReply, status: status, "the reply is not a Converse response: \(error)")
        }
        let texts = decoded.output.message?.content.compactMap(\.text) ?? []
        guard !texts.isEmpty else {
            throw ChatModelError(.malformedReply, status: status, "the Converse reply has no text content")
        }
        return ChatModelReply(
            text: texts.joined(), inputTokens: decoded.usage?.inputTokens, outputTokens: decoded.usage?.outputTokens,
            stopReason: decoded.stopReason)
    }

    /// The message of an error body, with the exception name when the body gives it.
    static func errorDescription(_ body: ByteBuffer) -> String? {
        guard let e = try? JSONDecoder().decode(BedrockConverseWire.ErrorBody.self, from: Data(body.readableBytesView)),
            let message = e.message ?? e.upperMessage
        else { return nil }
        return BedrockErrorMapping.errorType(header: nil, bodyType: e.type).map { "\($0): \(message)" } ?? message
    }
}
