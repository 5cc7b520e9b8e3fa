public import Foundation

/// Where and as whom AWS calls go: the region, an optional endpoint override (one URL for every service, as
/// moto_server and LocalStack serve them all on one port) and the credentials, read again for each request so
/// rotated keys and refreshed session tokens are picked up.
public struct AWSSettings: Sendable {
    public var region: String
    public var endpointOverride: String?
    public var credentials: @Sendable () throws -> AWSCredentials

    public init(region: String, endpointOverride: String? = nil, credentials: @escaping @Sendable () throws -> AWSCredentials) {
        self.region = region
        self.endpointOverride = endpointOverride
        self.credentials = credentials
    }

    /// Credentials and region from the standard AWS environment (variables, then `~/.aws` profiles).
    public static func fromEnvironment(
        _ environment: AWSEnvironment = AWSEnvironment(), region: String? = nil, endpointOverride: String? = nil
    ) -> AWSSettings {
        AWSSettings(
            region: region ?? environment.region() ?? "us-east-1", endpointOverride: endpointOverride,
            credentials: { try environment.credentials() })
    }

    /// The endpoint of `service` under these settings.
    public func endpoint(_ service: AWSService) -> String {
        service.endpoint(region: region, override: endpointOverride)
    }
}
