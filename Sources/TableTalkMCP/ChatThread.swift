import TableTalkProtocol

/// The chat session `ask` follows up in: started on the first question (or when the agent asks for a new
/// conversation), so every MCP question lands in history like a browser's.
actor ChatThread {
    private var sessionId: String?

    /// The current session id, starting one through `chat.start` when there is none or `fresh` is set.
    func current(fresh: Bool, channel: BrokerChannel) async throws -> String {
        if let sessionId, !fresh { return sessionId }
        let started = try await channel.call(ChatStartRequest())
        sessionId = started.sessionId
        return started.sessionId
    }

    /// Forgets a session the broker no longer knows (deleted from the browser), so the next question starts one.
    func forget(_ id: String) {
        if sessionId == id { sessionId = nil }
    }
}
