public import TableTalkCore

/// The local token file as the embedded deployment's ``TokenVerifier``.
extension TokenStore: TokenVerifier {
    public func principal(for token: String) async throws -> Principal {
        guard let principal = authenticate(token) else {
            throw TokenRefusal(.unknownToken, "not a valid local token (unknown or revoked)")
        }
        return principal
    }
}
