public import Foundation

/// When and how long a provider waits before asking again: on 429 and 5xx only, a bounded number of times, with
/// exponential backoff and jitter (so many clients do not retry in step), honouring the server's `Retry-After`.
/// Shared by every model provider (TableTalkLLM) and every AWS call (TableTalkAWS).
public struct RetryPolicy: Sendable, Hashable {
    /// Total tries, the first included (1 = never retry).
    public var maxAttempts: Int
    /// Wait before the second try; doubled for each further try.
    public var baseDelay: Duration
    /// No computed wait is longer than this.
    public var maxDelay: Duration
    /// A `Retry-After` longer than this is not waited for: the request fails as rate-limited instead.
    public var maxRetryAfter: Duration
    /// Fraction of the wait added or removed at random (0.2 = ±20 %).
    public var jitter: Double

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(30), jitter: Double = 0.2
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(max(jitter, 0), 1)
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether an HTTP status is worth another try (rate limiting and server errors).
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// The wait before try number `attempt + 1` (`attempt` counts from 1), or nil when no try is left or the
    /// server asked for a longer wait than ``maxRetryAfter``.
    /// - Parameter retryAfter: what the server's `Retry-After` asked for, if anything; it wins over backoff.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        if let retryAfter {
            return retryAfter > maxRetryAfter ? nil : retryAfter
        }
        let exponent = min(attempt - 1, 20)
        var wait = baseDelay * (1 << exponent)
        if wait > maxDelay { wait = maxDelay }
        guard jitter > 0 else { return wait }
        let factor = 1 + Double.random(in: -jitter...jitter)
        return wait * factor
    }

    /// Reads a `Retry-After` value: delta seconds ("2", "0.5") or an HTTP date; nil when absent or unreadable.
    public static func retryAfter(_ header: String?, now: Date = Date()) -> Duration? {
        guard let raw = header?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let seconds = Double(raw), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64(seconds * 1000))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: raw) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64(seconds * 1000))
    }
}
