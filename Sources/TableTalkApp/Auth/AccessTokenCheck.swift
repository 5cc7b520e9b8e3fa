public import Logging
public import TableTalkCore

/// The token check `serve` puts on every connection, chosen by the deployment: the local token file (and the
/// URL token of this run) in the embedded deployment; Cognito JWTs in the AWS one, plus local tokens only when
/// `aws.allowLocalTokens` is on. A refused token is logged with its reason (never the token) at `notice`;
/// the client only learns `unauthorized`.
public struct AccessTokenCheck: Sendable {
    public let verifier: any TokenVerifier
    let logger: Logger

    public init(verifier: any TokenVerifier, logger: Logger) {
        self.verifier = verifier
        self.logger = logger
    }

    /// The check for `configuration`'s deployment over `tokens`.
    public init(configuration: AppConfiguration, tokens: TokenStore, logger: Logger) {
        if let aws = configuration.awsDeployment {
            let cognito = aws.cognitoVerifier()
            self.init(verifier: aws.allowLocalTokens ? TokenVerifierChain([tokens, cognito]) : cognito, logger: logger)
        } else {
            self.init(verifier: tokens, logger: logger)
        }
    }

    /// The principal of `token`, or nil (the refusal goes to the log).
    public func authenticate(_ token: String) async -> Principal? {
        do {
            return try await verifier.principal(for: token)
        } catch let refusal as TokenRefusal {
            logger.notice("token refused", metadata: ["reason": "\(refusal.reason.rawValue)", "detail": "\(refusal.message)"])
        } catch {
            logger.notice("token refused", metadata: ["reason": "error", "detail": "\(error)"])
        }
        return nil
    }
}
