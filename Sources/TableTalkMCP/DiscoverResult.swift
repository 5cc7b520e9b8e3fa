import MCP

/// The body of a `server/discover` reply (MCP 2026-07-28): the revisions served, the capabilities and the
/// instructions. ``ModernResult`` adds `resultType`, the cache hints and the `serverInfo` stamp.
struct DiscoverResult: Encodable, Sendable {
    let supportedVersions: [String]
    let capabilities: Server.Capabilities
    let instructions: String

    init(identity: ServerIdentity) {
        supportedVersions = ProtocolRevisions.all
        capabilities = identity.capabilities
        instructions = identity.instructions
    }
}
