public import Foundation
public import TableTalkCore
public import TableTalkProtocol
import Synchronization

/// Supervises one external plugin: starts its process in the background, sends it `initialize` (at every start,
/// restarts included) and learns its methods from the reply (`capabilities.namespaces[ns].methods`, or a
/// top-level `methods` list), then proxies requests to it.
///
/// While it starts, its namespace answers `pluginUnavailable` (`data.reason` "starting"). When the process ends,
/// its requests in flight fail with `pluginUnavailable` and the next request restarts it (that request waits for the
/// handshake). Each proxied request is bounded by ``ExternalPluginConfiguration/requestTimeoutSeconds`` and ends at
/// once on `$/cancelRequest`, whatever the plugin does. The process runs in a group of its own that is ended with the
/// gateway (see ``PluginProcess``).
public final class ExternalPlugin: Sendable {
    public let configuration: ExternalPluginConfiguration

    enum Phase {
        case idle
        case starting(Task<PluginConnection?, Never>)
        case ready(PluginConnection)
        case down
    }

    struct State {
        var phase: Phase = .idle
        /// Bumped by every start and by stop: a start that finds another generation gives up.
        var generation = 0
        var stopped = false
        var starting: PluginConnection?
        var methods: [String] = []
        var notifications: [String] = []
        /// Domain events it asked for (`capabilities.events`), kept while it is down.
        var events: [String] = []
        var lastError: String?
        var hub: ConnectionHub?
        /// Processes started so far (each got `initialize`).
        var launches = 0
        /// Hear restarts and crashes after the first start (the broker reports the first start itself).
        var observers: [any RequestObserver] = []
    }

    private let state = Mutex(State())

    public init(configuration: ExternalPluginConfiguration) {
        self.configuration = configuration
        BrokenPipeSignal.ignore()
    }

    public var methods: [String] { state.withLock { $0.methods } }
    public var notifications: [String] { state.withLock { $0.notifications } }
    /// The domain events its last handshake subscribed to (`capabilities.events`: names, `ns.*` or `*`).
    public var subscribedEvents: [String] { state.withLock { $0.events } }
    /// True after ``stop()`` until the next ``start(hub:observers:)``.
    var isStopped: Bool { state.withLock { $0.stopped } }
    /// True once the handshake succeeded and until the process ends.
    public var isAlive: Bool { state.withLock { if case .ready = $0.phase { true } else { false } } }
    public var lastError: String? { state.withLock { $0.lastError } }
    /// How many processes were started (each with the `initialize` handshake).
    public var launches: Int { state.withLock { $0.launches } }

    /// Starts the process and its handshake in the background and returns at once, so that several plugins start
    /// concurrently and no client waits for them; ``waitUntilStarted()`` waits for the outcome.
    public func start(hub: ConnectionHub, observers: [any RequestObserver] = []) async {
        state.withLock { s in
            s.hub = hub
            s.observers = observers
            s.stopped = false
            switch s.phase {
            case .idle, .down: s.phase = .starting(makeStart(&s))
            case .starting, .ready: break
            }
        }
    }

    /// Waits for a start in progress; returns whether the plugin is ready.
    public func waitUntilStarted() async -> Bool {
        let task = state.withLock { s -> Task<PluginConnection?, Never>? in
            if case .starting(let t) = s.phase { return t }
            return nil
        }
        if let task { _ = await task.value }
        return isAlive
    }

    /// Ends the process group (SIGTERM, then SIGKILL after a grace period); later requests answer `pluginUnavailable`.
    public func stop() {
        let connections = state.withLock { s -> [PluginConnection] in
            s.stopped = true
            s.generation += 1
            var out: [PluginConnection] = []
            if case .ready(let c) = s.phase { out.append(c) }
            if let c = s.starting { out.append(c) }
            s.starting = nil
            s.phase = .idle
            return out
        }
        connections.forEach { $0.lose("was stopped") }
    }

    /// Proxies a request; returns the raw JSON result.
    func call(method: String, params: JSONValue?, cancellation: CancellationFlag, connection: String) async throws -> Data {
        let plugin = try await readyConnection(cancellation: cancellation)
        let reply = await plugin.request(method, params: params, timeout: configuration.requestTimeout, cancellation: cancellation)
        switch reply {
        case .success(let value): return try JSONEncoder().encode(value)
        case .failure(let error): throw error
        }
    }

    /// Forwards a client notification (dropped while the plugin is not ready).
    func notify(method: String, params: JSONValue?) {
        let plugin = state.withLock { s -> PluginConnection? in
            if case .ready(let c) = s.phase { return c }
            return nil
        }
        plugin?.notify(method: method, params: params)
    }

    // MARK: - Starting

    private func unavailable(_ why: String, reason: String) -> RPCError {
        RPCError(
            .pluginUnavailable, "plugin \"\(configuration.namespace)\" \(why)",
            data: ["namespace": .string(configuration.namespace), "reason": .string(reason)])
    }

    /// The running connection; restarts a plugin that is down (waiting for its handshake, or for cancellation).
    func readyConnection(cancellation: CancellationFlag) async throws -> PluginConnection {
        enum Next {
            case ready(PluginConnection)
            case starting
            case stopped
            case restart(Task<PluginConnection?, Never>)
        }
        let next = state.withLock { s -> Next in
            if s.stopped { return .stopped }
            switch s.phase {
            case .ready(let c): return .ready(c)
            case .starting: return .starting
            case .idle, .down:
                let task = makeStart(&s)
                s.phase = .starting(task)
                return .restart(task)
            }
        }
        switch next {
        case .ready(let c): return c
        case .starting: throw unavailable("is starting; retry shortly", reason: "starting")
        case .stopped: throw unavailable("is stopped", reason: "stopped")
        case .restart(let task):
            let slot = PluginReplySlot<Result<PluginConnection, RPCError>>()
            Task {
                if let c = await task.value {
                    slot.set(.success(c))
                } else {
                    slot.set(.failure(self.unavailable("could not be restarted: \(self.lastError ?? "unknown error")", reason: "startFailed")))
                }
            }
            cancellation.onCancel { slot.set(.failure(.cancelled)) }
            return try await slot.wait { slot.set(.failure(.cancelled)) }.get()
        }
    }

    /// A task that launches a process and performs the handshake; the caller stores it as the phase.
    private func makeStart(_ s: inout State) -> Task<PluginConnection?, Never> {
        s.generation += 1
        s.launches += 1
        let generation = s.generation
        return Task { await self.launch(generation: generation) }
    }

    private func launch(generation: Int) async -> PluginConnection? {
        let hub = state.withLock { $0.hub }
        let connection: PluginConnection
        do {
            connection = try PluginConnection(
                namespace: configuration.namespace, command: configuration.command,
                onLost: { [weak self] c, why in self?.lost(c, why) },
                onNotification: { note in Task { await hub?.notifyRaw(note) } },
                onRequest: { method, params in
                    guard let hub else { return .failure(.methodNotFound(method)) }
                    return await hub.events.answerPluginRequest(method: method, params: params)
                })
        } catch {
            return failed(generation, "could not start \(configuration.command.joined(separator: " ")): \(error)")
        }
        let current = state.withLock { s -> Bool in
            guard s.generation == generation else { return false }
            s.starting = connection
            return true
        }
        guard current else {
            connection.lose("was stopped")
            return nil
        }
        connection.run()
        let reply = await connection.request(
            "initialize", params: ["protocolVersion": .string(ProtocolVersion.current)], timeout: configuration.startTimeout,
            cancellation: nil)
        switch reply {
        case .success(let result):
            let ns = result["capabilities"]?["namespaces"]?[configuration.namespace]
            let methods = (ns?["methods"] ?? result["methods"])?.arrayValue?.compactMap(\.stringValue) ?? []
            let notes = (ns?["notifications"] ?? result["notifications"])?.arrayValue?.compactMap(\.stringValue) ?? []
            let events = (result["capabilities"]?["events"] ?? result["events"])?.arrayValue?.compactMap(\.stringValue) ?? []
            let (ready, restartObservers) = state.withLock { s -> (Bool, [any RequestObserver]) in
                guard s.generation == generation else { return (false, []) }
                s.starting = nil
                guard !connection.isLost else {
                    s.phase = .down
                    return (false, [])
                }
                s.phase = .ready(connection)
                s.methods = methods.filter { $0.hasPrefix(configuration.namespace + ".") }
                s.notifications = notes
                s.events = events
                s.lastError = nil
                return (true, s.launches > 1 ? s.observers : [])
            }
            if !ready { connection.lose("was stopped") }
            let count = state.withLock { $0.methods.count }
            for o in restartObservers { o.pluginStarted(namespace: configuration.namespace, methods: count) }
            return ready ? connection : nil
        case .failure(let error):
            // Keep the plain reason ("exited with status 1"), without the "plugin "ns"" prefix of the error.
            let prefix = "plugin \"\(configuration.namespace)\" "
            let plain = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
            let why = error.code == .pluginUnavailable ? plain : "initialize failed: \(error.message)"
            connection.lose(why)
            return failed(generation, why)
        }
    }

    private func failed(_ generation: Int, _ why: String) -> PluginConnection? {
        state.withLock { s in
            guard s.generation == generation else { return }
            s.starting = nil
            s.phase = .down
            s.lastError = why
        }
        return nil
    }

    /// A process ended (or was ended): the namespace is down until the next request restarts it.
    private func lost(_ connection: PluginConnection, _ why: String) {
        let observers = state.withLock { s -> [any RequestObserver] in
            guard case .ready(let c) = s.phase, c === connection else { return [] }
            s.phase = .down
            s.lastError = why
            return s.stopped ? [] : s.observers
        }
        for o in observers { o.pluginFailed(namespace: configuration.namespace, reason: why) }
    }
}
