public import Foundation

/// What a Cognito token must show to be accepted: the user pool (its issuer and key set), the app client it was
/// issued to, which token uses (`id`, `access`) are welcome, and how much clock skew is tolerated.
public struct CognitoSettings: Sendable, Hashable {
    public var region: String
    public var userPoolId: String
    /// App client ids: `aud` of an ID token, `client_id` of an access token must be one of them.
    public var clientIds: Set<String>
    /// `id`, `access` or both.
    public var tokenUses: Set<String>
    /// `https://cognito-idp.<region>.amazonaws.com/<poolId>`: what Cognito (and moto) put in `iss`.
    public var issuer: String
    /// Where the pool's public keys are: `<issuer>/.well-known/jwks.json`, or under the endpoint override
    /// (`<endpoint>/<poolId>/.well-known/jwks.json`, moto's route).
    public var jwksURL: String
    /// Tolerated difference between our clock and Cognito's for `exp` and `iat`.
    public var clockSkew: Duration
    /// Least time between two key set fetches caused by unknown key ids (a flood of forged `kid`s costs one
    /// fetch per interval, not one per token).
    public var minRefreshInterval: Duration
    /// Limit of one key set fetch.
    public var fetchTimeout: Duration

    public init(
        region: String, userPoolId: String, clientIds: Set<String>, tokenUses: Set<String> = ["id", "access"],
        endpointOverride: String? = nil, clockSkew: Duration = .seconds(60), minRefreshInterval: Duration = .seconds(30),
        fetchTimeout: Duration = .seconds(10)
    ) {
        self.region = region
        self.userPoolId = userPoolId
        self.clientIds = clientIds
        self.tokenUses = tokenUses
        self.issuer = "https://cognito-idp.\(region).amazonaws.com/\(userPoolId)"
        if let endpointOverride, !endpointOverride.isEmpty {
            var base = endpointOverride
            while base.hasSuffix("/") { base.removeLast() }
            self.jwksURL = "\(base)/\(userPoolId)/.well-known/jwks.json"
        } else {
            self.jwksURL = "\(issuer)/.well-known/jwks.json"
        }
        self.clockSkew = clockSkew
        self.minRefreshInterval = minRefreshInterval
        self.fetchTimeout = fetchTimeout
    }
}
