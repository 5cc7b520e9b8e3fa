import Foundation
import JWTKit

/// The claims of a Cognito ID or access token that decide whether it is accepted. Decoding is all jwt-kit does
/// with them: ``CognitoTokenVerifier`` checks them against ``CognitoSettings`` after the signature, so each
/// refusal names its reason.
struct CognitoClaims: JWTPayload {
    var sub: SubjectClaim
    var iss: IssuerClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim?
    /// The app client of an ID token.
    var aud: AudienceClaim?
    /// The app client of an access token.
    var clientId: String?
    /// `id` or `access`.
    var tokenUse: String

    enum CodingKeys: String, CodingKey {
        case sub, iss, exp, iat, aud
        case clientId = "client_id"
        case tokenUse = "token_use"
    }

    /// Nothing here: the checks need the settings and the clock, and run in ``CognitoTokenVerifier``.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
