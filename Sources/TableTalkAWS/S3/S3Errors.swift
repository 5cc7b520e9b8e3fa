import TableTalkCore

/// S3 failures in the domain's terms: a missing object or multipart upload is `uploadNotFound`; anything else
/// (access denied, unreachable, throttled past the retries) is `internalFailure` naming S3's own code.
enum S3Errors {
    static let missingCodes: Set<String> = ["NoSuchKey", "NoSuchUpload", "NotFound", "HTTP404"]

    /// Runs `body`, turning an ``AWSError`` into a ``TableTalkError``; `what` names the object for the message.
    static func mapped<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AWSError {
            throw domain(error, what)
        }
    }

    static func domain(_ error: AWSError, _ what: String) -> TableTalkError {
        if missingCodes.contains(error.code) {
            return TableTalkError(.uploadNotFound, "S3 has no \(what) (\(error.code))")
        }
        return TableTalkError(.internalFailure, "S3 refused \(what): \(error)", details: ["awsCode": error.code])
    }
}
