import Foundation
import JWTKit
import TableTalkAWS
import TableTalkTestSupport
import _CryptoExtras

/// RSA keys of our own, signing tokens with jwt-kit, and their JWKS served from a moto S3 object through a
/// presigned GET URL (a plain HTTP GET without credentials, like Cognito's public key set), so a test can
/// rotate the set between fetches.
struct CognitoTestKeys {
    /// Claims as Cognito writes them.
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var iss: IssuerClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var aud: String?
        var client_id: String?
        var token_use: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    let aws: AWSClient
    let bucket: String
    /// Presigned GET URL of the JWKS object.
    let url: String
    private let keys: [String: JWTKit.Insecure.RSA.PrivateKey]

    /// Keys with the given ids (2048-bit, generated now) and a bucket for their JWKS.
    static func make(kids: [String]) async throws -> CognitoTestKeys {
        let aws = try await AWSClientTests.client()
        let bucket = "tt-jwks-\(UUID().uuidString.lowercased().prefix(8))"
        _ = try await aws.send(.s3, method: "PUT", path: "/\(bucket)")
        let object = SigV4Request.url(endpoint: aws.settings.endpoint(.s3), path: "/\(bucket)/jwks.json")
        let url = try SigV4Presigner(signer: aws.signer(for: .s3)).presign(method: "GET", url: object, expires: .seconds(600))
        var keys: [String: JWTKit.Insecure.RSA.PrivateKey] = [:]
        for kid in kids { keys[kid] = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048)) }
        return CognitoTestKeys(aws: aws, bucket: bucket, url: url, keys: keys)
    }

    /// Publishes the public keys `kids` as the JWKS.
    func publish(_ kids: [String]) async throws {
        var entries: [String] = []
        for kid in kids {
            let (n, e) = try keys[kid]!.publicKey.getKeyPrimitives()
            entries.append(#"{"kty":"RSA","alg":"RS256","use":"sig","kid":"\#(kid)","n":"\#(Self.base64URL(n))","e":"\#(Self.base64URL(e))"}"#)
        }
        let body = #"{"keys":[\#(entries.joined(separator: ","))]}"#
        _ = try await aws.send(.s3, method: "PUT", path: "/\(bucket)/jwks.json", body: Array(body.utf8))
    }

    /// A token signed with key `signingKid` (its header says `headerKid`, by default the same).
    func token(_ claims: Claims, signingKid: String, headerKid: String? = nil) async throws -> String {
        let collection = JWTKeyCollection()
        await collection.add(rsa: keys[signingKid]!, digestAlgorithm: .sha256, kid: JWKIdentifier(string: headerKid ?? signingKid))
        return try await collection.sign(claims, kid: JWKIdentifier(string: headerKid ?? signingKid))
    }

    /// Valid ID-token claims for `settings`, expiring in `expiresIn` seconds.
    static func idClaims(_ settings: CognitoSettings, sub: String = "user-1", expiresIn: TimeInterval = 3600) -> Claims {
        Claims(
            sub: .init(value: sub), iss: .init(value: settings.issuer), exp: .init(value: Date().addingTimeInterval(expiresIn)),
            iat: .init(value: Date().addingTimeInterval(min(0, expiresIn) - 60)), aud: settings.clientIds.first,
            client_id: nil, token_use: "id")
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
