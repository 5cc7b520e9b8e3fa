import TableTalkCore
import Foundation
import Testing
import TableTalkLLM

@Suite struct OpenAIChatModelTests {
    static func model(_ base: String, key: String? = nil, timeout: Duration = .seconds(5), attempts: Int = 3) -> OpenAIChatModel {
        OpenAIChatModel(
            configuration: OpenAIConfiguration(
                baseURL: base, model: "llama3.1", apiKey: key, timeout: timeout,
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100))))
    }

    static let request = ChatModelRequest(
        system: "You write SQL.", messages: [ChatMessage(role: .user, text: "Question: total by region")], maxTokens: 321,
        temperature: 0)

    @Test func sendsTheWireFormatAndReadsContentUsageAndFinishReason() async throws {
        let (server, base) = try await OpenAIFakeServer.start([.completion("SELECT 1", prompt: 77, completion: 9)])
        defer { server.stop() }
        let reply = try await Self.model(base).complete(Self.request)
        #expect(reply.text == "SELECT 1")
        #expect(reply.inputTokens == 77)
        #expect(reply.outputTokens == 9)
        #expect(reply.stopReason == "stop")
        let sent = try #require(server.received.first)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.body["model"] as? String == "llama3.1")
        #expect(sent.body["max_tokens"] as? Int == 321)
        #expect(sent.body["temperature"] as? Double == 0)
        #expect(sent.roles == ["system", "user"])
        #expect(sent.text == "You write SQL.\nQuestion: total by region")
        #expect(sent.authorization == nil, "a local server gets no key")
    }

    @Test func sendsTheKeyAsBearerAndReadsItFromTheNamedVariable() async throws {
        let (server, base) = try await OpenAIFakeServer.start([.completion("ok")])
        defer { server.stop() }
        let key = OpenAIConfiguration.apiKey(variable: "MY_KEY", environment: ["MY_KEY": "sk-test-123"])
        _ = try await Self.model(base, key: key).complete(Self.request)
        #expect(server.received.first?.authorization == "Bearer sk-test-123")
        #expect(OpenAIConfiguration.apiKey(variable: "MY_KEY", environment: [:]) == nil)
        #expect(OpenAIConfiguration.apiKey(variable: nil, environment: ["MY_KEY": "x"]) == nil)
    }

    @Test func aBaseEndingInV1IsNotDoubled() {
        #expect(OpenAIConfiguration(baseURL: "http://h:1/v1/", model: "m").completionsURL == "http://h:1/v1/chat/completions")
        #expect(OpenAIConfiguration(baseURL: "http://h:1", model: "m").completionsURL == "http://h:1/v1/chat/completions")
    }

    @Test func anErrorBodyIsRejectedWithItsMessageAndNotRetried() async throws {
        let (server, base) = try await OpenAIFakeServer.start([
            .error(404, "The model `gpt-9` does not exist", type: "invalid_request_error", code: "model_not_found")
        ])
        defer { server.stop() }
        let error = await #expect(throws: ChatModelError.self) { try await Self.model(base).complete(Self.request) }
        #expect(error?.kind == .rejected)
        #expect(error?.status == 404)
        #expect(error?.message == "The model `gpt-9` does not exist (invalid_request_error, model_not_found)")
        #expect(server.received.count == 1)
    }

    @Test func rateLimitedWithRetryAfterWaitsThatLongThenSucceeds() async throws {
        let (server, base) = try await OpenAIFakeServer.start([
            .error(429, "Rate limit reached", type: "requests", code: "rate_limit_exceeded", headers: ["Retry-After": "1"]),
            .completion("SELECT 2"),
        ])
        defer { server.stop() }
        let started = ContinuousClock.now
        let reply = try await Self.model(base).complete(Self.request)
        let waited = ContinuousClock.now - started
        #expect(reply.text == "SELECT 2")
        #expect(server.received.count == 2)
        #expect(waited >= .milliseconds(950), "Retry-After: 1 is honoured (backoff alone is 20 ms)")
    }

    @Test func aRetryAfterLongerThanTheLimitFailsAtOnceAsRateLimited() async throws {
        let (server, base) = try await OpenAIFakeServer.start([
            .error(429, "Rate limit reached", type: "requests", headers: ["Retry-After": "3600"])
        ])
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: ChatModelError.self) { try await Self.model(base).complete(Self.request) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.status == 429)
        #expect(ContinuousClock.now - started < .seconds(10), "not an hour's wait")
        #expect(server.received.count == 1)
    }

    @Test func aServerErrorIsRetriedThenSucceeds() async throws {
        let (server, base) = try await OpenAIFakeServer.start([.error(503, "overloaded"), .error(500, "oops"), .completion("fine")])
        defer { server.stop() }
        let reply = try await Self.model(base).complete(Self.request)
        #expect(reply.text == "fine")
        #expect(server.received.count == 3)
    }

    @Test func serverErrorsOnEveryTryAreUnavailableAfterTheLastTry() async throws {
        let (server, base) = try await OpenAIFakeServer.start([.error(502, "bad gateway")])
        defer { server.stop() }
        let error = await #expect(throws: ChatModelError.self) { try await Self.model(base, attempts: 3).complete(Self.request) }
        #expect(error?.kind == .unavailable)
        #expect(error?.status == 502)
        #expect(error?.message.contains("bad gateway") == true)
        #expect(server.received.count == 3)
    }

    @Test func malformedJSONIsAMalformedReply() async throws {
        let (server, base) = try await OpenAIFakeServer.start([.init(status: 200, body: #"{"choices": [ {"message": "#)])
        defer { server.stop() }
        let error = await #expect(throws: ChatModelError.self) { try await Self.model(base).complete(Self.request) }
        #expect(error?.kind == .malformedReply)
        #expect(server.received.count == 1)
    }

    @Test func anOversizedReplyIsMalformedAndNotRetried() async throws {
        let huge = String(repeating: "x", count: 5 << 20)
        let (server, base) = try await OpenAIFakeServer.start([.completion(huge)])
        defer { server.stop() }
        let error = await #expect(throws: ChatModelError.self) { try await Self.model(base).complete(Self.request) }
        #expect(error?.kind == .malformedReply)
        #expect(server.received.count == 1)
    }

    @Test func aSlowReplyPastTheTimeoutIsATimeout() async throws {
        var slow = OpenAIFakeServer.Reply.completion("late")
        slow.delay = .seconds(5)
        let (server, base) = try await OpenAIFakeServer.start([slow])
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: ChatModelError.self) {
            try await Self.model(base, timeout: .milliseconds(300)).complete(Self.request)
        }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(10), "cancellation does not wait for the 30 s reply")
    }

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        var slow = OpenAIFakeServer.Reply.completion("late")
        slow.delay = .seconds(30)
        let (server, base) = try await OpenAIFakeServer.start([slow])
        defer { server.stop() }
        let model = Self.model(base, timeout: .seconds(60))
        let started = ContinuousClock.now
        let task = Task { try await model.complete(Self.request) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(ContinuousClock.now - started < .seconds(10), "cancellation does not wait for the 30 s reply")
    }

    @Test func anUnreachableServerIsUnavailable() async throws {
        let error = await #expect(throws: ChatModelError.self) {
            try await Self.model("http://127.0.0.1:9", attempts: 2).complete(Self.request)
        }
        #expect(error?.kind == .unavailable)
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesWithinJitterAndStopsAfterTheLastTry() {
        let p = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .milliseconds(300), jitter: 0.2)
        for _ in 0..<50 {
            let first = try! #require(p.delay(afterAttempt: 1))
            #expect(first >= .milliseconds(80) && first <= .milliseconds(120))
            let second = try! #require(p.delay(afterAttempt: 2))
            #expect(second >= .milliseconds(160) && second <= .milliseconds(240))
            let third = try! #require(p.delay(afterAttempt: 3))
            #expect(third <= .milliseconds(360), "capped at maxDelay before jitter")
        }
        #expect(p.delay(afterAttempt: 4) == nil)
        #expect(RetryPolicy.none.delay(afterAttempt: 1) == nil)
    }

    @Test func retryAfterWinsAndIsReadAsSecondsOrAnHTTPDate() {
        let p = RetryPolicy(maxAttempts: 3, maxRetryAfter: .seconds(10))
        #expect(p.delay(afterAttempt: 1, retryAfter: .seconds(2)) == .seconds(2))
        #expect(p.delay(afterAttempt: 1, retryAfter: .seconds(11)) == nil)
        #expect(RetryPolicy.retryAfter("3") == .seconds(3))
        #expect(RetryPolicy.retryAfter("0.5") == .milliseconds(500))
        #expect(RetryPolicy.retryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_733_360_000)
        let later = RetryPolicy.retryAfter("Thu, 05 Dec 2024 01:00:07 GMT", now: Date(timeIntervalSince1970: 1_733_360_400))
        #expect(later == .seconds(7))
        #expect(RetryPolicy.retryAfter("Thu, 05 Dec 2024 01:00:07 GMT", now: now.addingTimeInterval(10_000)) == .zero)
        #expect(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 400) && !RetryPolicy.isRetryable(status: 200))
    }
}
