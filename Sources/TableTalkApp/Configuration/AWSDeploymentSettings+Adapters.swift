public import Logging
public import TableTalkAWS

/// The AWS clients and adapters the settings describe, for the composition root.
extension AWSDeploymentSettings.Resolved {
    /// Region, endpoint override, and credentials read for each request from the standard AWS environment
    /// (variables, then the `~/.aws` profile files).
    public func awsSettings(environment: AWSEnvironment = AWSEnvironment()) -> AWSSettings {
        AWSSettings(region: region, endpointOverride: endpointOverride, credentials: { try environment.credentials() })
    }

    /// What a Cognito token of this deployment must show.
    public var cognitoSettings: CognitoSettings {
        CognitoSettings(
            region: region, userPoolId: cognitoUserPoolId, clientIds: [cognitoClientId], tokenUses: cognitoTokenUse,
            endpointOverride: endpointOverride)
    }

    /// The verifier of Cognito ID/access tokens (key set fetched on first use).
    public func cognitoVerifier() -> CognitoTokenVerifier { CognitoTokenVerifier(settings: cognitoSettings) }

    /// The CloudWatch publisher (not started: call `start()`, and `shutdown()` at exit).
    public func metricsPublisher(client: AWSClient, logger: Logger) -> CloudWatchMetricsPublisher {
        CloudWatchMetricsPublisher(
            client: client, namespace: cloudWatchNamespace, interval: .milliseconds(Int64(metricsIntervalSeconds * 1000)),
            logger: logger)
    }
}
