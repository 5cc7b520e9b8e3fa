import Foundation
import JWTKit
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// Cognito tokens minted by moto's user pool (InitiateAuth USER_PASSWORD_AUTH) verified through moto's JWKS
/// route, and tokens that must be refused, each with its reason.
@Suite struct CognitoTokenVerifierTests {
    @Test func idAndAccessTokensFromMotoAreAcceptedAsTheirSub() async throws {
        let pool = try await CognitoTestPool.create()
        let verifier = CognitoTokenVerifier(settings: pool.settings())
        #expect(try await verifier.principal(for: pool.idToken) == Principal(pool.sub))
        #expect(try await verifier.principal(for: pool.accessToken) == Principal(pool.sub))
        // The key set was fetched once and kept.
        #expect(await verifier.keySetFetches == 1)
    }

    @Test func changedSignatureIsRefused() async throws {
        let pool = try await CognitoTestPool.create()
        let parts = pool.idToken.split(separator: ".").map(String.init)
        var signature = Array(parts[2])
        let i = signature.count / 2
        signature[i] = signature[i] == "A" ? "B" : "A"
        let forged = parts[0] + "." + parts[1] + "." + String(signature)
        try await expectRefusal(.badSignature, CognitoTokenVerifier(settings: pool.settings()), forged)
    }

    @Test func changedClaimsAreRefused() async throws {
        // Another sub pasted into a genuine token: the signature no longer covers the claims.
        let pool = try await CognitoTestPool.create()
        let parts = pool.idToken.split(separator: ".").map(String.init)
        let claims = try #require(Data(base64Encoded: Self.padded(parts[1])))
        let edited = String(decoding: claims, as: UTF8.self).replacingOccurrences(of: pool.sub, with: "someone-else")
        let forged = parts[0] + "." + CognitoTestKeys.base64URL(Data(edited.utf8)) + "." + parts[2]
        try await expectRefusal(.badSignature, CognitoTokenVerifier(settings: pool.settings()), forged)
    }

    @Test func tokenSignedByAnotherKeyUnderThePoolsKeyIdIsRefused() async throws {
        let pool = try await CognitoTestPool.create()
        let keys = try await CognitoTestKeys.make(kids: ["mine"])
        let settings = pool.settings()
        // moto's key id is "dummy": the forger reuses it with a key of its own.
        let forged = try await keys.token(CognitoTestKeys.idClaims(settings, sub: pool.sub), signingKid: "mine", headerKid: "dummy")
        try await expectRefusal(.badSignature, CognitoTokenVerifier(settings: settings), forged)
    }

    @Test func wrongAudienceIsRefused() async throws {
        let pool = try await CognitoTestPool.create()
        let verifier = CognitoTokenVerifier(settings: pool.settings(clientIds: ["another-app-client"]))
        try await expectRefusal(.wrongAudience, verifier, pool.idToken)
        try await expectRefusal(.wrongAudience, verifier, pool.accessToken)
    }

    @Test func wrongIssuerIsRefused() async throws {
        // moto signs every pool's tokens with one key: a token of pool A verifies, but A is not the pool we trust.
        let pool = try await CognitoTestPool.create()
        let verifier = CognitoTokenVerifier(settings: pool.settings(poolId: "us-east-1_SomeOtherPool"))
        try await expectRefusal(.wrongIssuer, verifier, pool.idToken)
    }

    @Test func tokenUseNotAcceptedIsRefused() async throws {
        let pool = try await CognitoTestPool.create()
        let idOnly = CognitoTokenVerifier(settings: pool.settings(tokenUses: ["id"]))
        #expect(try await idOnly.principal(for: pool.idToken) == Principal(pool.sub))
        try await expectRefusal(.wrongTokenUse, idOnly, pool.accessToken)
        let accessOnly = CognitoTokenVerifier(settings: pool.settings(tokenUses: ["access"]))
        try await expectRefusal(.wrongTokenUse, accessOnly, pool.idToken)
    }

    @Test func expiryHonoursTheClockSkew() async throws {
        let pool = try await CognitoTestPool.create()
        // moto's tokens live one hour; the default skew is 60 s.
        let withinSkew = CognitoTokenVerifier(settings: pool.settings()) { Date().addingTimeInterval(3600 + 30) }
        #expect(try await withinSkew.principal(for: pool.idToken) == Principal(pool.sub))
        let later = CognitoTokenVerifier(settings: pool.settings()) { Date().addingTimeInterval(3600 + 120) }
        try await expectRefusal(.expired, later, pool.idToken)
        try await expectRefusal(.expired, later, pool.accessToken)
    }

    @Test func expiredTokenOfOurOwnKeyIsRefused() async throws {
        let keys = try await CognitoTestKeys.make(kids: ["k1"])
        try await keys.publish(["k1"])
        var settings = CognitoSettings(region: "us-east-1", userPoolId: "us-east-1_Test", clientIds: ["app"])
        settings.jwksURL = keys.url
        let verifier = CognitoTokenVerifier(settings: settings)
        let fresh = try await keys.token(CognitoTestKeys.idClaims(settings), signingKid: "k1")
        #expect(try await verifier.principal(for: fresh) == Principal("user-1"))
        let expired = try await keys.token(CognitoTestKeys.idClaims(settings, expiresIn: -600), signingKid: "k1")
        try await expectRefusal(.expired, verifier, expired)
        var future = CognitoTestKeys.idClaims(settings)
        future.iat = .init(value: Date().addingTimeInterval(3600))
        try await expectRefusal(.notYetValid, verifier, try await keys.token(future, signingKid: "k1"))
    }

    @Test func unknownKeyIdRefreshesTheKeySetOnce() async throws {
        let keys = try await CognitoTestKeys.make(kids: ["old", "new", "never"])
        try await keys.publish(["old"])
        var settings = CognitoSettings(region: "us-east-1", userPoolId: "us-east-1_Test", clientIds: ["app"], minRefreshInterval: .zero)
        settings.jwksURL = keys.url
        let verifier = CognitoTokenVerifier(settings: settings)
        let claims = CognitoTestKeys.idClaims(settings)
        #expect(try await verifier.principal(for: try await keys.token(claims, signingKid: "old")) == Principal("user-1"))
        #expect(await verifier.keySetFetches == 1)
        // The pool rotates: a token of the new key makes the verifier fetch the set again, once.
        try await keys.publish(["new"])
        #expect(try await verifier.principal(for: try await keys.token(claims, signingKid: "new")) == Principal("user-1"))
        #expect(await verifier.keySetFetches == 2)
        #expect(try await verifier.principal(for: try await keys.token(claims, signingKid: "new")) == Principal("user-1"))
        #expect(await verifier.keySetFetches == 2)
        // The rotated-out key is forgotten; a key the set never holds is refused after one more fetch.
        try await expectRefusal(.unknownKey, verifier, try await keys.token(claims, signingKid: "old"))
        #expect(await verifier.keySetFetches == 3)
        try await expectRefusal(.unknownKey, verifier, try await keys.token(claims, signingKid: "never"))
        #expect(await verifier.keySetFetches == 4)
    }

    @Test func refreshesForUnknownKeyIdsAreRateLimited() async throws {
        let keys = try await CognitoTestKeys.make(kids: ["k1", "forged"])
        try await keys.publish(["k1"])
        var settings = CognitoSettings(region: "us-east-1", userPoolId: "us-east-1_Test", clientIds: ["app"], minRefreshInterval: .seconds(3600))
        settings.jwksURL = keys.url
        let verifier = CognitoTokenVerifier(settings: settings)
        let claims = CognitoTestKeys.idClaims(settings)
        #expect(try await verifier.principal(for: try await keys.token(claims, signingKid: "k1")) == Principal("user-1"))
        let forged = try await keys.token(claims, signingKid: "forged")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { try await expectRefusal(.unknownKey, verifier, forged) } }
            try await group.waitForAll()
        }
        #expect(await verifier.keySetFetches == 1)
    }

    @Test func notAJWTAndOtherAlgorithmsAreRefused() async throws {
        let pool = try await CognitoTestPool.create()
        let verifier = CognitoTokenVerifier(settings: pool.settings())
        try await expectRefusal(.malformed, verifier, "tt_0123456789abcdef")
        try await expectRefusal(.malformed, verifier, "a.b.c")
        // alg none with the genuine claims.
        let parts = pool.idToken.split(separator: ".").map(String.init)
        let none = CognitoTestKeys.base64URL(Data(#"{"alg":"none","kid":"dummy"}"#.utf8))
        try await expectRefusal(.unsupportedAlgorithm, verifier, none + "." + parts[1] + ".")
        let hs = CognitoTestKeys.base64URL(Data(#"{"alg":"HS256","kid":"dummy"}"#.utf8))
        try await expectRefusal(.unsupportedAlgorithm, verifier, hs + "." + parts[1] + "." + parts[2])
    }

    @Test func unreachableKeySetIsReported() async throws {
        var settings = CognitoSettings(region: "us-east-1", userPoolId: "us-east-1_Test", clientIds: ["app"], fetchTimeout: .seconds(2))
        settings.jwksURL = "http://127.0.0.1:1/jwks.json"
        let keys = try await CognitoTestKeys.make(kids: ["k1"])
        let token = try await keys.token(CognitoTestKeys.idClaims(settings), signingKid: "k1")
        try await expectRefusal(.keysUnavailable, CognitoTokenVerifier(settings: settings), token)
    }

    static func padded(_ base64URL: String) -> String {
        var s = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return s
    }
}

/// Expects `verifier` to refuse `token` for `reason`.
func expectRefusal(
    _ reason: TokenRefusal.Reason, _ verifier: some TokenVerifier, _ token: String, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    do {
        let principal = try await verifier.principal(for: token)
        Issue.record("accepted as \(principal), expected \(reason)", sourceLocation: sourceLocation)
    } catch let refusal as TokenRefusal {
        #expect(refusal.reason == reason, "\(refusal)", sourceLocation: sourceLocation)
        #expect(!refusal.message.isEmpty, sourceLocation: sourceLocation)
    }
}
