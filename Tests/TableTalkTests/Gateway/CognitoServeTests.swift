import Foundation
import Logging
import TableTalkAWS
import TableTalkApp
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport
import TableTalkWebSocket
import Testing

/// `serve`'s token check in the AWS deployment, end to end: a user signs in to a moto Cognito user pool
/// (InitiateAuth USER_PASSWORD_AUTH), and the ID token moto mints opens a WebSocket session whose principal is the
/// user's `sub`; a changed token and a local token are refused with `unauthorized`.
@Suite struct CognitoServeTests {
    static func call(_ aws: AWSClient, _ action: String, _ body: [String: Any]) async throws -> [String: Any] {
        let reply = try await aws.json(.cognitoIdentityProvider, action: action, body: Array(try JSONSerialization.data(withJSONObject: body)))
        return (try JSONSerialization.jsonObject(with: Data(reply.isEmpty ? Array("{}".utf8) : reply)) as? [String: Any]) ?? [:]
    }

    @Test func aMotoCognitoTokenOpensAWebSocketSessionAsItsSub() async throws {
        let endpoint = try await MotoServer.endpoint()
        let aws = AWSClient(settings: AWSSettings(region: MotoServer.region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        })
        let suffix = UUID().uuidString.lowercased().prefix(8)
        let pool = try await Self.call(aws, "CreateUserPool", ["PoolName": "tt-serve-\(suffix)"])
        let poolId = try #require((pool["UserPool"] as? [String: Any])?["Id"] as? String)
        let client = try await Self.call(aws, "CreateUserPoolClient", [
            "UserPoolId": poolId, "ClientName": "web", "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"],
        ])
        let clientId = try #require((client["UserPoolClient"] as? [String: Any])?["ClientId"] as? String)
        let password = "Serve-Test-9-\(suffix)"
        _ = try await Self.call(aws, "AdminCreateUser", ["UserPoolId": poolId, "Username": "bob", "MessageAction": "SUPPRESS"])
        _ = try await Self.call(aws, "AdminSetUserPassword", ["UserPoolId": poolId, "Username": "bob", "Password": password, "Permanent": true])
        let user = try await Self.call(aws, "AdminGetUser", ["UserPoolId": poolId, "Username": "bob"])
        let sub = try #require((user["UserAttributes"] as? [[String: Any]])?.first { $0["Name"] as? String == "sub" }?["Value"] as? String)
        let auth = try await Self.call(aws, "InitiateAuth", [
            "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": clientId, "AuthParameters": ["USERNAME": "bob", "PASSWORD": password],
        ])
        let idToken = try #require((auth["AuthenticationResult"] as? [String: Any])?["IdToken"] as? String)

        // The configuration as `serve --deployment aws` reads it from the environment.
        let config = try ConfigurationLoader(environment: [
            "TABLETALK_DEPLOYMENT": "aws", "TABLETALK_AWS_REGION": MotoServer.region, "TABLETALK_AWS_ENDPOINT_OVERRIDE": endpoint,
            "TABLETALK_AWS_BUCKET": "unused", "TABLETALK_AWS_DYNAMODB_TABLE": "unused",
            "TABLETALK_AWS_COGNITO_USER_POOL_ID": poolId, "TABLETALK_AWS_COGNITO_CLIENT_ID": clientId,
        ]).load(dataDirFlag: PackagePaths.tempDir("tt-cognito-serve").path, configFile: nil)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let runtime = try TestRuntime.make(dataDir: config.dataDir)
        let local = try runtime.tokens.registerEphemeral("a-local-token", principal: .local)
        let check = AccessTokenCheck(configuration: config, tokens: runtime.tokens, logger: logger)
        let server = GatewayServer(
            broker: runtime.broker, configuration: .init(host: "127.0.0.1", port: 0, authenticate: { await check.authenticate($0) }),
            logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await server.run { portSink.yield($0) } }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let ws = WebSocketConnection(url: "ws://127.0.0.1:\(port)/rpc")
        try await ws.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0","token":"\#(idToken)"}}"#)
        #expect(try await ws.receive()?["result"]?["principal"] == .string(sub))
        await ws.close()

        var forged = Array(idToken)
        forged[forged.count - 10] = forged[forged.count - 10] == "A" ? "B" : "A"
        for refused in [String(forged), local] {
            let other = WebSocketConnection(url: "ws://127.0.0.1:\(port)/rpc")
            try await other.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0","token":"\#(refused)"}}"#)
            #expect(try await other.receive()?["error"]?["code"] == -32010)
            await other.close()
        }
    }
}
