import Foundation
import Logging
import TableTalkAWS
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport
import Testing

/// The `deployment: embedded | aws` switch (issue 13): the `aws` block from the file, `TABLETALK_AWS_*` and
/// `--deployment`, its defaults, clear errors for what is missing, what `initialize` reports, which tokens `serve`
/// accepts, and request figures forwarded to the metrics port.
@Suite struct AWSDeploymentConfigurationTests {
    static let required = #""bucket": "tt-data", "dynamoDBTable": "tt-history", "cognitoUserPoolId": "eu-west-1_AbC", "cognitoClientId": "client1""#

    func load(_ json: String?, environment: [String: String] = [:], flags: (inout AppConfiguration) -> Void = { _ in }) throws
        -> AppConfiguration
    {
        let d = PackagePaths.tempDir("tt-aws-config")
        if let json { try json.write(to: d.appendingPathComponent("config.json"), atomically: true, encoding: .utf8) }
        return try ConfigurationLoader(environment: environment).load(dataDirFlag: d.path, configFile: nil, flags: flags)
    }

    func message(_ json: String?, environment: [String: String] = [:]) -> String? {
        do { _ = try load(json, environment: environment) } catch { return "\(error)" }
        return nil
    }

    @Test func embeddedIsTheDefault() throws {
        let c = try load(nil)
        #expect(c.deployment == "embedded")
        #expect(c.awsDeployment == nil)
        #expect(c.deploymentFeatures["deployment"] == "embedded")
        #expect(c.deploymentFeatures["engine"] == "sqlite")
        // An aws block alone changes nothing and is not checked.
        #expect(try load(#"{"aws": {"bucket": "x"}}"#).awsDeployment == nil)
    }

    @Test func theAWSBlockFromTheFileWithItsDefaults() throws {
        let c = try load(#"{"deployment": "aws", "aws": {"region": "eu-west-1", \#(Self.required)}}"#)
        let aws = try #require(c.awsDeployment)
        #expect(aws.region == "eu-west-1")
        #expect(aws.bucket == "tt-data")
        #expect(aws.prefix == "tabletalk/")
        #expect(aws.glueDatabasePrefix == "tabletalk_")
        #expect(aws.athenaWorkgroup == "primary")
        #expect(aws.athenaOutputLocation == "s3://tt-data/tabletalk/athena-results/")
        #expect(aws.athenaBytesScannedCutoff == nil)
        #expect(aws.dynamoDBTable == "tt-history")
        #expect(aws.cognitoTokenUse == ["id", "access"])
        #expect(aws.allowLocalTokens == false)
        #expect(aws.cloudWatchNamespace == "TableTalk")
        #expect(aws.presignExpirySeconds == 900)
        #expect(aws.endpointOverride == nil)
        #expect(aws.cognitoSettings.issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC")
        #expect(aws.cognitoSettings.jwksURL == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json")
        #expect(c.deploymentFeatures["deployment"] == "aws")
        #expect(c.deploymentFeatures["engine"] == "athena")
        #expect(c.deploymentFeatures["history"] == "dynamodb")
        #expect(c.deploymentFeatures["auth"] == "cognito")
    }

    @Test func theEnvironmentSetsEveryKeyAndTheFlagWins() throws {
        let env = [
            "TABLETALK_DEPLOYMENT": "aws", "TABLETALK_AWS_REGION": "us-west-2", "TABLETALK_AWS_ENDPOINT_OVERRIDE": "http://127.0.0.1:5000",
            "TABLETALK_AWS_BUCKET": "b", "TABLETALK_AWS_PREFIX": "tt/", "TABLETALK_AWS_SSE_KMS_KEY_ID": "alias/tt",
            "TABLETALK_AWS_GLUE_DATABASE_PREFIX": "g_", "TABLETALK_AWS_ATHENA_WORKGROUP": "wg",
            "TABLETALK_AWS_ATHENA_OUTPUT_LOCATION": "s3://r/out/", "TABLETALK_AWS_ATHENA_BYTES_SCANNED_CUTOFF": "104857600",
            "TABLETALK_AWS_DYNAMODB_TABLE": "t", "TABLETALK_AWS_COGNITO_USER_POOL_ID": "us-west-2_P",
            "TABLETALK_AWS_COGNITO_CLIENT_ID": "c", "TABLETALK_AWS_COGNITO_TOKEN_USE": "access",
            "TABLETALK_AWS_ALLOW_LOCAL_TOKENS": "true", "TABLETALK_AWS_CLOUDWATCH_NAMESPACE": "TT",
            "TABLETALK_AWS_METRICS_INTERVAL_SECONDS": "10", "TABLETALK_AWS_PRESIGN_EXPIRY_SECONDS": "60",
        ]
        let aws = try #require(try load(nil, environment: env).awsDeployment)
        #expect(aws.region == "us-west-2")
        #expect(aws.endpointOverride == "http://127.0.0.1:5000")
        #expect(aws.prefix == "tt/")
        #expect(aws.sseKmsKeyId == "alias/tt")
        #expect(aws.glueDatabasePrefix == "g_")
        #expect(aws.athenaWorkgroup == "wg")
        #expect(aws.athenaOutputLocation == "s3://r/out/")
        #expect(aws.athenaBytesScannedCutoff == 104_857_600)
        #expect(aws.cognitoTokenUse == ["access"])
        #expect(aws.allowLocalTokens)
        #expect(aws.cloudWatchNamespace == "TT")
        #expect(aws.metricsIntervalSeconds == 10)
        #expect(aws.presignExpirySeconds == 60)
        // moto's JWKS route under the endpoint override; the issuer keeps Cognito's form.
        #expect(aws.cognitoSettings.jwksURL == "http://127.0.0.1:5000/us-west-2_P/.well-known/jwks.json")
        #expect(aws.cognitoSettings.issuer == "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_P")
        // The region falls back to AWS_REGION; --deployment embedded (a flag) beats the environment.
        var env2 = env
        env2["TABLETALK_AWS_REGION"] = nil
        env2["AWS_REGION"] = "ap-southeast-2"
        #expect(try load(nil, environment: env2).awsDeployment?.region == "ap-southeast-2")
        #expect(try load(nil, environment: env) { $0.deployment = "embedded" }.awsDeployment == nil)
        // --deployment aws over a file that names the settings.
        let flagged = try load(#"{"aws": {\#(Self.required)}}"#) { $0.deployment = "aws" }
        #expect(flagged.awsDeployment?.bucket == "tt-data")
    }

    @Test func missingAndInvalidSettingsAreClearErrors() throws {
        let missing = try #require(message(#"{"deployment": "aws"}"#))
        for key in ["aws.bucket (TABLETALK_AWS_BUCKET)", "aws.dynamoDBTable (TABLETALK_AWS_DYNAMODB_TABLE)",
                    "aws.cognitoUserPoolId (TABLETALK_AWS_COGNITO_USER_POOL_ID)", "aws.cognitoClientId (TABLETALK_AWS_COGNITO_CLIENT_ID)"] {
            #expect(missing.contains("deployment aws needs \(key)"), "\(missing)")
        }
        #expect(message(#"{"deployment": "cloud"}"#)?.contains("deployment cloud is not one of embedded, aws") == true)
        func bad(_ extra: String) -> String? { message(#"{"deployment": "aws", "aws": {\#(Self.required), \#(extra)}}"#) }
        #expect(bad(#""region": "Ireland""#)?.contains("aws.region Ireland is not a region name") == true)
        #expect(bad(#""endpointOverride": "127.0.0.1:5000""#)?.contains("must be an http:// or https:// URL") == true)
        #expect(bad(#""prefix": "/data""#)?.contains("aws.prefix /data must not start with /") == true)
        #expect(bad(#""cognitoTokenUse": ["refresh"]"#)?.contains("aws.cognitoTokenUse must list id, access or both") == true)
        #expect(bad(#""athenaOutputLocation": "/tmp/out""#)?.contains("must be an s3:// URL") == true)
        #expect(bad(#""athenaBytesScannedCutoff": 1000"#)?.contains("at least 10485760") == true)
        #expect(bad(#""presignExpirySeconds": 0"#)?.contains("between 1 and 604800") == true)
        #expect(message(nil, environment: ["TABLETALK_AWS_PRESIGN_EXPIRY_SECONDS": "soon"])?.contains(
            "TABLETALK_AWS_PRESIGN_EXPIRY_SECONDS=soon is not a valid Int") == true)
    }

    @Test func initializeReportsTheDeployment() async throws {
        let runtime = try TestRuntime.make()
        let reply = try await TestClient(broker: runtime.broker).callRaw(
            method: "initialize", params: ["protocolVersion": "1.0", "clientInfo": ["name": "t", "version": "1"]])
        #expect(reply["result"]?["capabilities"]?["features"]?["deployment"] == "embedded")
        #expect(reply["result"]?["capabilities"]?["features"]?["engine"] == "sqlite")
    }

    @Test func theDeploymentChoosesWhichTokensServeAccepts() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dir = PackagePaths.tempDir("tt-aws-tokens")
        let tokens = TokenStore(dataDir: dir)
        let local = try tokens.registerEphemeral("local-token-1", principal: Principal("ops"))
        let embedded = AccessTokenCheck(configuration: try load(nil), tokens: tokens, logger: logger)
        #expect(await embedded.authenticate(local) == Principal("ops"))
        #expect(await embedded.authenticate("nope") == nil)
        // AWS: Cognito only — a local token is not a JWT and is refused before any key set is fetched.
        let aws = AccessTokenCheck(
            configuration: try load(#"{"deployment": "aws", "aws": {\#(Self.required)}}"#), tokens: tokens, logger: logger)
        #expect(await aws.authenticate(local) == nil)
        // With allowLocalTokens the local file is asked first.
        let both = AccessTokenCheck(
            configuration: try load(#"{"deployment": "aws", "aws": {"allowLocalTokens": true, \#(Self.required)}}"#), tokens: tokens,
            logger: logger)
        #expect(await both.authenticate(local) == Principal("ops"))
        await #expect(throws: TokenRefusal.self) { _ = try await both.verifier.principal(for: "nope") }
    }

    /// Records what the forwarder sends.
    final class Collecting: MetricsPublisher, @unchecked Sendable {
        let lock = NSLock()
        var records: [(name: String, value: Double, unit: MetricUnit, dimensions: [String: String])] = []
        func record(name: String, value: Double, unit: MetricUnit, dimensions: [String: String]) {
            lock.withLock { records.append((name, value, unit, dimensions)) }
        }
        func flush() async {}
    }

    @Test func requestFiguresAreForwardedToTheMetricsPort() async throws {
        let publisher = Collecting()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let broker = Broker(capabilities: [MonitoringMetricsForwarder(publisher: publisher)], logger: logger)
        let client = try await TestClient.initialized(broker: broker)
        _ = try await client.call(PingRequest())
        _ = try await client.callRaw(method: "no.such")
        let records = publisher.lock.withLock { publisher.records }
        let ping = records.filter { $0.dimensions == ["Method": "ping"] }
        #expect(ping.map(\.name).sorted() == [MetricName.requestErrors, MetricName.requestLatency])
        #expect(ping.first { $0.name == MetricName.requestLatency }?.unit == .milliseconds)
        #expect(ping.first { $0.name == MetricName.requestErrors }?.value == 0)
        // An unknown method is labelled by the broker, never by what the client typed.
        #expect(records.contains { $0.name == MetricName.requestErrors && $0.value == 1 && $0.dimensions == ["Method": "(unknown)"] })
    }
}
