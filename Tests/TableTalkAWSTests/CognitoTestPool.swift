import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport

/// A user pool, app client and user created in moto, and the ID and access tokens moto mints for the user
/// through `InitiateAuth` (USER_PASSWORD_AUTH), as a browser signing in would get them.
struct CognitoTestPool {
    let aws: AWSClient
    let endpoint: String
    let poolId: String
    let clientId: String
    let username: String
    /// The user's `sub`, from `AdminGetUser`.
    let sub: String
    let idToken: String
    let accessToken: String

    static func create() async throws -> CognitoTestPool {
        let aws = try await AWSClientTests.client()
        let endpoint = try await MotoServer.endpoint()
        let suffix = UUID().uuidString.lowercased().prefix(8)
        let pool = try await call(aws, "CreateUserPool", ["PoolName": "tt-pool-\(suffix)"])
        let poolId = try string(pool, "UserPool", "Id")
        let client = try await call(aws, "CreateUserPoolClient", [
            "UserPoolId": poolId, "ClientName": "tt-web", "GenerateSecret": false,
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ])
        let clientId = try string(client, "UserPoolClient", "ClientId")
        let username = "alice-\(suffix)"
        let password = "Correct-Horse-9-\(suffix)"
        _ = try await call(aws, "AdminCreateUser", ["UserPoolId": poolId, "Username": username, "MessageAction": "SUPPRESS"])
        _ = try await call(aws, "AdminSetUserPassword", [
            "UserPoolId": poolId, "Username": username, "Password": password, "Permanent": true,
        ])
        let user = try await call(aws, "AdminGetUser", ["UserPoolId": poolId, "Username": username])
        let attributes = user["UserAttributes"] as? [[String: Any]] ?? []
        guard let sub = attributes.first(where: { $0["Name"] as? String == "sub" })?["Value"] as? String else {
            throw CognitoTestError("AdminGetUser returned no sub: \(user)")
        }
        let auth = try await call(aws, "InitiateAuth", [
            "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": clientId,
            "AuthParameters": ["USERNAME": username, "PASSWORD": password],
        ])
        return CognitoTestPool(
            aws: aws, endpoint: endpoint, poolId: poolId, clientId: clientId, username: username, sub: sub,
            idToken: try string(auth, "AuthenticationResult", "IdToken"),
            accessToken: try string(auth, "AuthenticationResult", "AccessToken"))
    }

    /// Settings of this pool as the AWS deployment builds them (JWKS from moto's route).
    func settings(
        clientIds: Set<String>? = nil, tokenUses: Set<String> = ["id", "access"], poolId: String? = nil
    ) -> CognitoSettings {
        CognitoSettings(
            region: MotoServer.region, userPoolId: poolId ?? self.poolId, clientIds: clientIds ?? [clientId], tokenUses: tokenUses,
            endpointOverride: endpoint)
    }

    static func call(_ aws: AWSClient, _ action: String, _ body: [String: Any]) async throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: body)
        let reply = try await aws.json(.cognitoIdentityProvider, action: action, body: Array(data))
        return (try JSONSerialization.jsonObject(with: Data(reply.isEmpty ? Array("{}".utf8) : reply)) as? [String: Any]) ?? [:]
    }

    static func string(_ object: [String: Any], _ outer: String, _ key: String) throws -> String {
        guard let value = (object[outer] as? [String: Any])?[key] as? String else {
            throw CognitoTestError("no \(outer).\(key) in \(object)")
        }
        return value
    }
}

struct CognitoTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
