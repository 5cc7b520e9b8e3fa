public import TableTalkCore
public import AsyncHTTPClient
public import NIOCore
import Foundation
public import NIOHTTP1

/// One model call over HTTP with the shared ``RetryPolicy``: each try has its own timeout, 429 and 5xx are tried
/// again after backoff (or the server's `Retry-After`), connection failures too; Swift task cancellation cancels
/// the request in flight and any wait. Providers build the request (again for each try, so signatures stay fresh)
/// and read the final body.
public struct HTTPExchange: Sendable {
    /// A final answer from the server: a status below 400, or an error status that is not retried (or no longer).
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: ByteBuffer
    }

    public let client: HTTPClient
    public let timeout: Duration
    public let retry: RetryPolicy
    /// Largest reply body read.
    public var maxBodyBytes = 4 << 20

    public init(client: HTTPClient = HTTPExchange.modelClient, timeout: Duration, retry: RetryPolicy) {
        self.client = client
        self.timeout = timeout
        self.retry = retry
    }

    /// The process-wide client for model calls: like `HTTPClient.shared`, but a refused connection fails at once
    /// (the ``RetryPolicy`` decides about trying again) instead of being retried until the request's deadline.
    public static let modelClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Sends the request `make()` builds until a final response; throws ``ChatModelError`` for timeouts and
    /// exhausted retries (`describe` turns an error body into the provider's message) or `CancellationError`.
    public func send(
        _ make: @Sendable () throws -> HTTPClientRequest, describe: @Sendable (ByteBuffer) -> String? = { _ in nil }
    ) async throws -> Response {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let outcome: Result<Response, ChatModelError>
            do {
                let request = try make()
                let reply = try await client.execute(request, timeout: Self.timeAmount(timeout))
                let body = try await reply.body.collect(upTo: maxBodyBytes)
                outcome = .success(Response(status: Int(reply.status.code), headers: reply.headers, body: body))
            } catch {
                if Task.isCancelled { throw CancellationError() }
                if let e = error as? HTTPClientError, e == .deadlineExceeded || e == .readTimeout {
                    throw ChatModelError(.timeout, "no reply within \(Self.seconds(timeout)) s")
                }
                if let e = error as? ChatModelError { throw e }
                if error is NIOTooManyBytesError {
                    throw ChatModelError(.malformedReply, "the reply is larger than \(maxBodyBytes >> 20) MB")
                }
                outcome = .failure(ChatModelError(.unavailable, "cannot reach the model server: \(error)"))
            }
            switch outcome {
            case .success(let response) where !RetryPolicy.isRetryable(status: response.status):
                return response
            case .success(let response):
                let waitAsked = RetryPolicy.retryAfter(response.headers.first(name: "retry-after"))
                guard let wait = retry.delay(afterAttempt: attempt, retryAfter: waitAsked) else {
                    let said = describe(response.body) ?? "HTTP \(response.status)"
                    let kind: ChatModelError.Kind = response.status == 429 ? .rateLimited : .unavailable
                    let tries = attempt == 1 ? "" : " after \(attempt) tries"
                    throw ChatModelError(kind, status: response.status, said + tries)
                }
                try await Task.sleep(for: wait)
            case .failure(let error):
                guard let wait = retry.delay(afterAttempt: attempt) else { throw error }
                try await Task.sleep(for: wait)
            }
        }
    }

    static func timeAmount(_ d: Duration) -> TimeAmount {
        let (s, atto) = d.components
        return .nanoseconds(s * 1_000_000_000 + atto / 1_000_000_000)
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? String(Int(s)) : String(format: "%.1f", s)
    }
}
