public import AsyncHTTPClient
public import Foundation
import JWTKit
public import TableTalkCore

/// Accepts Cognito ID and access tokens (RS256 JWTs) of one user pool, checked with jwt-kit: the signature
/// against the pool's key set (``CognitoKeySet``: cached, fetched again once on an unknown key id), then the
/// issuer, the app client (`aud` of ID tokens, `client_id` of access tokens), `token_use`, expiry and issue time
/// with a small clock skew. The principal is the user's `sub`, which never changes (usernames and emails can).
public struct CognitoTokenVerifier: TokenVerifier {
    public let settings: CognitoSettings
    let keySet: CognitoKeySet
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - http: the client for the key set (default: the shared AWS one).
    ///   - now: the clock (tests move it).
    public init(settings: CognitoSettings, http: HTTPClient = AWSClient.sharedHTTP, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.keySet = CognitoKeySet(
            url: settings.jwksURL, http: http, minRefreshInterval: settings.minRefreshInterval, timeout: settings.fetchTimeout)
        self.now = now
    }

    /// How many times the key set was fetched so far.
    public var keySetFetches: Int { get async { await keySet.fetches } }

    public func principal(for token: String) async throws -> Principal {
        // Only the header is read before the signature is checked: it names the algorithm and the key.
        let header: JWTHeader
        do {
            header = try DefaultJWTParser().parse(Array(token.utf8), as: CognitoClaims.self).header
        } catch {
            throw TokenRefusal(.malformed, "not a Cognito JWT (\(Self.describe(error)))")
        }
        guard header.alg == "RS256" else {
            throw TokenRefusal(.unsupportedAlgorithm, "signed with \(header.alg ?? "no algorithm"); Cognito tokens are RS256")
        }
        guard let kid = header.kid, !kid.isEmpty else { throw TokenRefusal(.malformed, "the token names no signing key (kid)") }
        guard let keys = try await keySet.collection(holding: kid) else {
            throw TokenRefusal(.unknownKey, "signing key \(kid) is not in the user pool's key set")
        }
        let claims: CognitoClaims
        do {
            claims = try await keys.verify(token, as: CognitoClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw TokenRefusal(.badSignature, "the signature does not match key \(kid) of the user pool")
        } catch {
            throw TokenRefusal(.malformed, "the token cannot be verified (\(Self.describe(error)))")
        }
        try check(claims)
        guard !claims.sub.value.isEmpty else { throw TokenRefusal(.malformed, "the token has an empty sub") }
        return Principal(claims.sub.value)
    }

    /// The claim checks, after the signature proved the claims are Cognito's.
    func check(_ claims: CognitoClaims) throws {
        guard claims.iss.value == settings.issuer else {
            throw TokenRefusal(.wrongIssuer, "issued by \(claims.iss.value), not by \(settings.issuer)")
        }
        guard settings.tokenUses.contains(claims.tokenUse) else {
            let accepted = settings.tokenUses.sorted().joined(separator: ", ")
            throw TokenRefusal(.wrongTokenUse, "token_use \(claims.tokenUse) is not accepted (accepted: \(accepted))")
        }
        let client: String? = claims.tokenUse == "access" ? claims.clientId : claims.aud?.value.first
        let audiences = claims.tokenUse == "access" ? [claims.clientId].compactMap { $0 } : claims.aud?.value ?? []
        guard audiences.count == 1, let client, settings.clientIds.contains(client) else {
            throw TokenRefusal(.wrongAudience, "issued to app client \(audiences.joined(separator: ", ")), not to this one")
        }
        let skew = Double(settings.clockSkew.components.seconds)
        let now = now()
        guard now.addingTimeInterval(-skew) < claims.exp.value else {
            throw TokenRefusal(.expired, "expired at \(claims.exp.value)")
        }
        if let iat = claims.iat?.value, iat > now.addingTimeInterval(skew) {
            throw TokenRefusal(.notYetValid, "issued in the future (\(iat))")
        }
    }

    static func describe(_ error: any Error) -> String {
        (error as? JWTError)?.reason ?? String(describing: error)
    }
}
