import TableTalkCore
import Foundation
import TableTalkAWS
import TableTalkLLM
import Testing

/// The Bedrock Converse model against a scripted fake Bedrock on loopback that checks every request's signature.
@Suite struct BedrockConverseModelTests {
    static let keys = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "test/secret+key", sessionToken: "session-token")
    static let question = ChatModelRequest(
        system: "Translate the question to one SQLite SELECT.", messages: [
            ChatMessage(role: .user, text: "How many orders per region?"),
            ChatMessage(role: .assistant, text: "SELECT 1"),
            ChatMessage(role: .user, text: "per region, please"),
        ], maxTokens: 300, temperature: 0.1)

    /// A model pointed at `endpoint` with fast retries (3 tries, 10 ms base) and a short timeout.
    static func model(_ endpoint: String, attempts: Int = 3, timeout: Duration = .seconds(5)) -> BedrockConverseModel {
        BedrockConverseModel(
            configuration: BedrockConfiguration(
                modelId: "amazon.nova-lite-v1:0", region: "us-east-1", endpoint: endpoint, timeout: timeout,
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))),
            credentials: { Self.keys })
    }

    @Test func goodReplyWithUsageAndStopReason() async throws {
        let (server, endpoint) = try await BedrockFakeServer.start(
            replies: [.converse("SELECT region, COUNT(*) FROM orders GROUP BY region", input: 321, output: 17)], credentials: Self.keys)
        defer { server.stop() }
        let reply = try await Self.model(endpoint).complete(Self.question)
        #expect(reply == ChatModelReply(
            text: "SELECT region, COUNT(*) FROM orders GROUP BY region", inputTokens: 321, outputTokens: 17, stopReason: "end_turn"))
        #expect(server.problems == [])
        let sent = try #require(server.received.first)
        #expect(sent.header("x-amz-security-token") == "session-token")
        #expect(sent.header("content-type") == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: Any])
        #expect((body["system"] as? [[String: String]]) == [["text": "Translate the question to one SQLite SELECT."]])
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user"])
        #expect((messages[2]["content"] as? [[String: String]]) == [["text": "per region, please"]])
        let inference = try #require(body["inferenceConfig"] as? [String: Any])
        #expect(inference["maxTokens"] as? Int == 300 && inference["temperature"] as? Double == 0.1)
    }

    @Test func throttledThenSuccessIsRetriedAndSignedAfresh() async throws {
        let (server, endpoint) = try await BedrockFakeServer.start(
            replies: [.error(429, "ThrottlingException", "Too many requests, please wait before trying again."), .converse("SELECT 1")],
            credentials: Self.keys)
        defer { server.stop() }
        let reply = try await Self.model(endpoint).complete(Self.question)
        #expect(reply.text == "SELECT 1")
        #expect(server.received.count == 2)
        #expect(server.problems == [], "every try is correctly signed")
    }

    @Test func serverErrorThenSuccessIsRetried() async throws {
        let (server, endpoint) = try await BedrockFakeServer.start(
            replies: [.error(500, "InternalServerException", "internal"), .error(503, "ServiceUnavailableException", "busy"), .converse("SELECT 2")],
            credentials: Self.keys)
        defer { server.stop() }
        #expect(try await Self.model(endpoint).complete(Self.question).text == "SELECT 2")
        #expect(server.received.count == 3)
        #expect(server.problems == [])
    }

    @Test func throttlingAfterEveryRetryIsRateLimited() async throws {
        let (server, endpoint) = try await BedrockFakeServer.start(
            replies: [.error(429, "ThrottlingException", "Too many requests")], credentials: Self.keys)
        defer { server.stop() }
        let error = await #expect(throws: ChatModelError.self) { try await Self.model(endpoint, attempts: 3).complete(Self.question) }
        #expect(error?.kind == .rateLimited && error?.status == 429)
        #expect(error?.message.contains("Too many requests") == true, "\(String(describing: error))")
        #expect(server.received.count == 3, "bounded: exactly the configured tries")
    }

    @Test func refusalsAreRejectedWithoutRetry() async throws {
        for (status, type) in [(400, "ValidationException"), (403, "AccessDeniedException"), (404, "ResourceNotFoundException")] {
            let (server, endpoint) = try await BedrockFakeServer.start(
                replies: [.error(status, type, "refused by \(type)")], credentials: Self.keys)
            defer { server.stop() }
            let error = await #expect(throws: ChatModelError.self) { try await Self.model(endpoint).complete(Self.question) }
            #expect(error?.kind == .rejected && error?.status == status, "\(type)")
            #expect(error?.message == "\(type): refused by \(type)")
            #expect(server.received.count == 1, "\(type) is not retried")
        }
    }

    /// The other Converse exceptions: the model's own timeout, a model error, and an exception named only in the
    /// body's `__type` (no `x-amzn-ErrorType` header).
    @Test func otherExceptionsMapToTheirKinds() async throws {
        let cases: [(BedrockFakeServer.Reply, ChatModelError.Kind, String)] = [
            (.error(408, "ModelTimeoutException", "model took too long"), .timeout, "ModelTimeoutException: model took too long"),
            (.error(424, "ModelErrorException", "model failed"), .unavailable, "ModelErrorException: model failed"),
            (.init(status: 400, body: #"{"__type":"com.amazon.coral.service#UnrecognizedClientException","Message":"bad key"}"#),
             .rejected, "UnrecognizedClientException: bad key"),
            (.init(status: 403, body: "<html>forbidden</html>"), .rejected, "HTTP 403"),
        ]
        for (reply, kind, message) in cases {
            let (server, endpoint) = try await BedrockFakeServer.start(replies: [reply], credentials: Self.keys)
            defer { server.stop() }
            let error = await #expect(throws: ChatModelError.self) { try await Self.model(endpoint).complete(Self.question) }
            #expect(error?.kind == kind && error?.message == message && error?.status == reply.status, "\(String(describing: error))")
            #expect(server.received.count == 1, "\(message) is not retried")
        }
    }

    @Test func slowReplyPastTheTimeoutIsATimeout() async throws {
        var slow = BedrockFakeServer.Reply.converse("SELECT 3")
        slow.delay = .seconds(20)
        let (server, endpoint) = try await BedrockFakeServer.start(replies: [slow], credentials: Self.keys)
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: ChatModelError.self) {
            try await Self.model(endpoint, timeout: .milliseconds(300)).complete(Self.question)
        }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(8), "the client gave up at its timeout, not the 20 s reply")
    }

    @Test func malformedRepliesAreMalformed() async throws {
        let bodies = [
            "this is not json", #"{"output":{"message":{"role":"assistant","content":[]}},"stopReason":"end_turn"}"#,
            #"{"stopReason":"end_turn"}"#,
        ]
        for body in bodies {
            let (server, endpoint) = try await BedrockFakeServer.start(
                replies: [.init(status: 200, headers: ["Content-Type": "application/json"], body: body)], credentials: Self.keys)
            defer { server.stop() }
            let error = await #expect(throws: ChatModelError.self) { try await Self.model(endpoint).complete(Self.question) }
            #expect(error?.kind == .malformedReply, "\(body)")
        }
    }

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        var slow = BedrockFakeServer.Reply.converse("SELECT 4")
        slow.delay = .seconds(30)
        let (server, endpoint) = try await BedrockFakeServer.start(replies: [slow], credentials: Self.keys)
        defer { server.stop() }
        let model = Self.model(endpoint, timeout: .seconds(60))
        let started = ContinuousClock.now
        let task = Task { try await model.complete(Self.question) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(10), "cancellation does not wait for the 30 s reply")
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test func missingCredentialsAreRejectedBeforeSending() async throws {
        let (server, endpoint) = try await BedrockFakeServer.start(replies: [.converse("SELECT 5")], credentials: Self.keys)
        defer { server.stop() }
        let model = BedrockConverseModel(
            configuration: BedrockConfiguration(region: "us-east-1", endpoint: endpoint),
            credentials: { throw AWSCredentialsError.notFound(profile: "default", looked: ["env"]) })
        let error = await #expect(throws: ChatModelError.self) { try await model.complete(Self.question) }
        #expect(error?.kind == .rejected && error?.message.contains("no AWS credentials") == true)
        #expect(server.received.isEmpty)
    }

    @Test func configurationDefaultsAndModelIdEncoding() {
        let config = BedrockConfiguration(modelId: "us.amazon.nova-pro-v1:0", region: "eu-west-1")
        #expect(config.endpointURL == "https://bedrock-runtime.eu-west-1.amazonaws.com")
        #expect(config.converseURL == "https://bedrock-runtime.eu-west-1.amazonaws.com/model/us.amazon.nova-pro-v1%3A0/converse")
        let arn = BedrockConfiguration(
            modelId: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0", region: "us-east-1",
            endpoint: "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/")
        #expect(arn.converseURL == "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/model/"
            + "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.amazon.nova-lite-v1%3A0/converse")
        let model = BedrockConverseModel(configuration: config, credentials: { Self.keys })
        #expect(model.provider == "bedrock" && model.model == "us.amazon.nova-pro-v1:0")
    }
}
