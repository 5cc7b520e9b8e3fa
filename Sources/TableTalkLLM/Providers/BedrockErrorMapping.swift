import Foundation

/// Turns a Bedrock error reply (status, `x-amzn-ErrorType` header, `{"message"}` body) into a ``ChatModelError``.
enum BedrockErrorMapping {
    /// The exception name of `x-amzn-ErrorType: ThrottlingException:http://…` or `__type: "…#ThrottlingException"`.
    static func errorType(header: String?, bodyType: String?) -> String? {
        if let header, let name = header.split(separator: ":").first.map({ String($0).trimmingCharacters(in: .whitespaces) }),
            !name.isEmpty
        {
            return name
        }
        if let bodyType, let name = bodyType.split(separator: "#").last, !name.isEmpty { return String(name) }
        return nil
    }

    static func error(status: Int, errorType: String?, message: String) -> ChatModelError {
        let text = errorType.map { "\($0): \(message)" } ?? message
        switch errorType {
        case "ThrottlingException", "ModelNotReadyException", "TooManyRequestsException":
            return ChatModelError(.rateLimited, status: status, text)
        case "ModelTimeoutException":
            return ChatModelError(.timeout, status: status, text)
        case "ServiceUnavailableException", "InternalServerException", "ModelErrorException", "ModelStreamErrorException":
            return ChatModelError(.unavailable, status: status, text)
        default:
            switch status {
            case 429: return ChatModelError(.rateLimited, status: status, text)
            case 408: return ChatModelError(.timeout, status: status, text)
            case 500...: return ChatModelError(.unavailable, status: status, text)
            // ValidationException, AccessDeniedException, ResourceNotFoundException, UnrecognizedClientException…
            default: return ChatModelError(.rejected, status: status, text)
            }
        }
    }
}
