import TableTalkProtocol

/// The chat session `ask` follows up in: started on the first question (or when the agent asks for a new
/// conversation), so every MCP question lands in history like a browser's.
actor ChatThread {
    /// The session being started or started; concurrent first questions share one `chat.start`.
    private var session: Task<String, any Error>?

    /// The current session id, starting one through `chat.start` when there is none or `fresh` is set.
    func current(fresh: Bool, channel: BrokerChannel) async throws -> String {
        if let session, !fresh, let id = try? await session.value { return id }
        let started = Task { try await channel.call(ChatStartRequest()).sessionId }
        session = started
        return try await started.value
    }

    /// Forgets a session the broker no longer knows (deleted from the browser), so the next question starts one.
    func forget(_ id: String) async {
        if let session, (try? await session.value) == id { self.session = nil }
    }
}
