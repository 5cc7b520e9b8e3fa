/// A failed AWS call: the service's own error code and message (`NoSuchKey`, `ResourceNotFoundException`,
/// `ConditionalCheckFailedException`…) when it sent one, else what went wrong on the way.
public struct AWSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP status, 0 when no reply came.
    public var status: Int
    /// The service's error code without namespace (`com.amazonaws.glue#EntityNotFoundException` → `EntityNotFoundException`).
    public var code: String
    public var message: String
    public var requestId: String?

    public init(status: Int, code: String, message: String, requestId: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// No reply in time.
    public static func timeout(_ seconds: String) -> AWSError {
        AWSError(status: 0, code: "RequestTimeout", message: "no reply from AWS within \(seconds) s")
    }

    /// The endpoint could not be reached.
    public static func unreachable(_ detail: String) -> AWSError {
        AWSError(status: 0, code: "Unreachable", message: "cannot reach AWS: \(detail)")
    }

    /// Throttling or a server-side failure: worth another try.
    public var isRetryable: Bool {
        status == 429 || status >= 500 || Self.throttlingCodes.contains(code)
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "SlowDown", "PriorRequestNotComplete",
    ]

    public var description: String {
        "\(code)\(status > 0 ? " (HTTP \(status))" : ""): \(message)"
    }
}
