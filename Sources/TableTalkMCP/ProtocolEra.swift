/// Which family of MCP revisions a connection speaks, decided once by the client's first request: the handshake
/// (`initialize`, 2024-11-05 … 2025-11-25, served by the Swift SDK) or the per-request envelope (2026-07-28, served
/// by ``ModernServer``).
enum ProtocolEra: Sendable, Equatable {
    case handshake
    case modern

    /// The era `request` opens: modern when it carries the 2026-07-28 envelope with a served revision (and is not
    /// `initialize`, which that revision does not have); nil when it opens none yet (a revision not served is
    /// refused with the list of served ones, and the client may then choose either era).
    static func opened(by request: WireMessage) -> ProtocolEra? {
        guard request.method != "initialize", ModernEnvelope.isPresent(in: request.params) else { return .handshake }
        return (try? ModernEnvelope(params: request.params)) == nil ? nil : .modern
    }
}
