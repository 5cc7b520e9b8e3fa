import MCP

/// The per-request `_meta` envelope of MCP 2026-07-28: the request's protocol revision and the client's
/// capabilities (required), its name (optional), and a progress token. Read with the checks of the revision, in
/// order: a missing envelope or key is `-32602`, a revision not served is `-32022` naming the served ones.
struct ModernEnvelope: Sendable {
    static let versionKey = "io.modelcontextprotocol/protocolVersion"
    static let capabilitiesKey = "io.modelcontextprotocol/clientCapabilities"
    static let clientInfoKey = "io.modelcontextprotocol/clientInfo"
    static let serverInfoKey = "io.modelcontextprotocol/serverInfo"
    static let subscriptionKey = "io.modelcontextprotocol/subscriptionId"

    let version: String
    let capabilities: Value
    let clientInfo: Value?
    let progressToken: ProgressToken?

    /// Whether `params` speak 2026-07-28 at all: the reserved version key is the signal (a bare `_meta` is not, the
    /// handshake revisions put `progressToken` there).
    static func isPresent(in params: [String: Value]?) -> Bool {
        params?["_meta"]?.objectValue?[versionKey] != nil
    }

    init(params: [String: Value]?) throws(WireError) {
        guard let meta = params?["_meta"]?.objectValue else {
            throw .invalidParams("params._meta must be an object with \(Self.versionKey) and \(Self.capabilitiesKey)")
        }
        let missing = [Self.versionKey, Self.capabilitiesKey].filter { meta[$0] == nil }
        guard missing.isEmpty else { throw .invalidParams("params._meta lacks \(missing.joined(separator: " and "))") }
        guard let version = meta[Self.versionKey]?.stringValue else {
            throw .invalidParams("\(Self.versionKey) must be a string")
        }
        guard ProtocolRevisions.modern.contains(version) else { throw .unsupportedVersion(version) }
        self.version = version
        capabilities = meta[Self.capabilitiesKey] ?? [:]
        clientInfo = meta[Self.clientInfoKey]
        switch meta["progressToken"] {
        case .string(let s)?: progressToken = .string(s)
        case .int(let n)?: progressToken = .integer(n)
        default: progressToken = nil
        }
    }
}
