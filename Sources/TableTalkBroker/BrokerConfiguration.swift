/// Settings of the broker itself.
public struct BrokerConfiguration: Sendable {
    public var serverName: String
    public var serverVersion: String
    /// Requests in flight per connection before new ones get `rateLimited` (flood protection).
    public var maxInFlight: Int
    /// Facts reported in `initialize` capabilities (engine, translator, upload part URL…).
    public var features: [String: String]

    public init(serverName: String = "tabletalk", serverVersion: String = "0.1.0", maxInFlight: Int = 256, features: [String: String] = [:]) {
        self.serverName = serverName
        self.serverVersion = serverVersion
        self.maxInFlight = maxInFlight
        self.features = features
    }
}
