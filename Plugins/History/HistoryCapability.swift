public import TableTalkBroker
public import TableTalkCore
import TableTalkProtocol

/// The `history` namespace: chat sessions and their messages, the query log, and preferences, each read from
/// the principal's own ``HistoryStore`` (one store per principal, so users never see each other's history).
///
/// ```swift
/// let history = HistoryCapability(store: sqliteHistory)
/// let broker = Broker(capabilities: [chat, history], logger: logger)
/// ```
public struct HistoryCapability: Capability {
    public let namespace = "history"
    let store: any HistoryStore
    let limits: HistoryLimits

    public init(store: any HistoryStore, limits: HistoryLimits = .init()) {
        self.store = store
        self.limits = limits
    }

    public func register(in registry: inout MethodRegistry) {
        let store = self.store
        let limits = self.limits
        registry.register(HistorySessionsRequest.self) { request, context in
            let limit = try limits.pageSize(request.limit, fallback: limits.defaultSessions, maximum: limits.maxSessions)
            let records = try await store.sessions(for: context.principal, limit: limit)
            return HistorySessionsResult(sessions: records.map(HistoryMapping.session))
        }
        registry.register(HistoryMessagesRequest.self) { request, context in
            let limit = try limits.pageSize(request.limit, fallback: limits.defaultMessages, maximum: limits.maxMessages)
            guard try await store.session(id: request.sessionId, for: context.principal) != nil else {
                throw HistoryErrors.sessionNotFound(request.sessionId)
            }
            // One extra row tells whether older messages remain.
            var records = try await store.messages(
                sessionId: request.sessionId, before: request.before, limit: limit + 1, for: context.principal)
            var hasMore = records.count > limit
            if hasMore { records.removeFirst(records.count - limit) }
            let fitting = limits.messagesFitting(records)
            if fitting < records.count {
                records.removeFirst(records.count - fitting)
                hasMore = true
            }
            return HistoryMessagesResult(
                sessionId: request.sessionId, messages: records.map(HistoryMapping.message), hasMore: hasMore)
        }
        registry.register(HistoryQueriesRequest.self) { request, context in
            let limit = try limits.pageSize(request.limit, fallback: limits.defaultQueries, maximum: limits.maxQueries)
            let records = try await store.queries(limit: limit, for: context.principal)
            return HistoryQueriesResult(queries: records.map(HistoryMapping.query))
        }
        registry.register(HistoryDeleteSessionRequest.self) { request, context in
            guard try await store.deleteSession(id: request.sessionId, for: context.principal) else {
                throw HistoryErrors.sessionNotFound(request.sessionId)
            }
            return HistoryDeleteSessionResult(deleted: true)
        }
        registry.register(HistoryGetPreferencesRequest.self) { _, context in
            HistoryPreferences(values: try await store.preferences(for: context.principal))
        }
        let validator = PreferenceValidator(limits: limits)
        registry.register(HistorySetPreferencesRequest.self) { request, context in
            let values = try validator.validate(request.values)
            try validator.checkCount(merging: values, into: try await store.preferences(for: context.principal))
            return HistoryPreferences(values: try await store.setPreferences(values, for: context.principal))
        }
    }
}
