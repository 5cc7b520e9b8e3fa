public import MCP

/// The MCP protocol revisions `tabletalk mcp` serves. 2026-07-28 is stateless: every request carries its revision
/// in `_meta` and `server/discover` replaces the handshake (served by ``ModernServer``). The older revisions are
/// reached through `initialize` and served by the Swift SDK's `Server`, which knows them.
public enum ProtocolRevisions {
    /// Revisions of the per-request envelope (no `initialize`).
    public static let modern = ["2026-07-28"]
    /// Revisions of the `initialize` handshake, newest first (the Swift SDK's list).
    public static let handshake: [String] = MCP.Version.supported.sorted(by: >)
    /// Every revision served, newest first: `server/discover`'s `supportedVersions` and the list an unsupported
    /// version is answered with.
    public static let all = modern + handshake
}
