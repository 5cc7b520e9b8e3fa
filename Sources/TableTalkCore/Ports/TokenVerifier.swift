/// Turns the bearer token a client presents into the principal it speaks for: the local token file in the
/// embedded deployment, Cognito JWTs (signature, issuer, audience, expiry, token use) in the AWS one.
/// The transport asks it once per connection (`Authorization: Bearer`, `?token=`, or `initialize {token}`).
public protocol TokenVerifier: Sendable {
    /// The principal of a valid token; throws ``TokenRefusal`` saying why a token is not accepted.
    func principal(for token: String) async throws -> Principal
}

/// Why a token was not accepted. The reason is for the operator log and tests; clients only ever see
/// `unauthorized`, so a refusal never tells a forger which check failed.
public struct TokenRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        /// Not a token this verifier understands (not a JWT, undecodable parts, missing claims).
        case malformed
        /// Unknown to this verifier (no such local token, or revoked).
        case unknownToken
        /// Signed with an algorithm this verifier does not accept.
        case unsupportedAlgorithm
        /// The signing key id is not in the key set, even after refreshing it.
        case unknownKey
        /// The signature does not match the key.
        case badSignature
        case expired
        /// `iat`/`nbf` lies in the future beyond the allowed clock skew.
        case notYetValid
        case wrongIssuer
        case wrongAudience
        case wrongTokenUse
        /// The key set could not be fetched.
        case keysUnavailable
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}

/// Tries each verifier in order; the first that accepts wins. When all refuse, the most telling refusal is
/// thrown (one that understood the token rather than `malformed`/`unknownToken`).
public struct TokenVerifierChain: TokenVerifier {
    public let verifiers: [any TokenVerifier]

    public init(_ verifiers: [any TokenVerifier]) { self.verifiers = verifiers }

    public func principal(for token: String) async throws -> Principal {
        var refusal = TokenRefusal(.unknownToken, "no verifier accepts this token")
        for verifier in verifiers {
            do {
                return try await verifier.principal(for: token)
            } catch let error as TokenRefusal {
                if ![.malformed, .unknownToken].contains(error.reason) || refusal.reason == .unknownToken { refusal = error }
            }
        }
        throw refusal
    }
}
