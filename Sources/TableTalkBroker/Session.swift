public import Foundation
public import TableTalkCore
public import TableTalkProtocol
import Logging
import Synchronization

/// One client connection's protocol state: lifecycle (new → ready → shutting down → closed), in-flight
/// requests for cancellation, and replies. Transports feed it frames and give it a ``MessageSink``.
///
/// Every request is answered exactly once; requests run concurrently; a failing handler never ends the session.
public final class Session: Sendable {
    public enum Phase: Sendable { case new, ready, shuttingDown, closed }

    /// How the connection authenticates.
    public struct Auth: Sendable {
        /// Principal already established by the transport (token header, or stdio's local user).
        public var principal: Principal?
        /// When no principal is set: checks the `initialize` token.
        public var authenticate: (@Sendable (String) async -> Principal?)?
        public init(principal: Principal?, authenticate: (@Sendable (String) async -> Principal?)? = nil) {
            self.principal = principal
            self.authenticate = authenticate
        }
    }

    struct State {
        var phase: Phase = .new
        var principal: Principal?
        var inFlight: [RequestID: CancellationFlag] = [:]
        var exitRequested = false
        var shutdownRequested = false
        var pendingTasks = 0
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
        var requestWaiters: [CheckedContinuation<Void, Never>] = []
    }

    public let id: String
    let broker: Broker
    let sink: any MessageSink
    let auth: Auth
    let logger: Logger
    private let state = Mutex(State())
    private let encoder = MessageEncoder()

    init(id: String, broker: Broker, sink: any MessageSink, auth: Auth, logger: Logger) {
        self.id = id
        self.broker = broker
        self.sink = sink
        self.auth = auth
        var l = logger
        l[metadataKey: "connection"] = .string(id)
        self.logger = l
    }

    public var phase: Phase { state.withLock { $0.phase } }
    public var principal: Principal? { state.withLock { $0.principal } }
    /// True once the client sent `exit`; the transport should then close.
    public var exitRequested: Bool { state.withLock { $0.exitRequested } }
    /// True when `exit` came after `shutdown` (stdio exits with 0, otherwise 1: also before `initialize`).
    public var cleanExit: Bool { state.withLock { $0.exitRequested && $0.shutdownRequested } }

    /// Handles one frame (a message or a batch). Lifecycle messages take effect before this returns;
    /// other requests run on their own tasks and reply when done.
    public func receive(_ frame: Data) async {
        switch broker.decoder.decode(frame) {
        case .parseError(let error):
            await sink.send(encoder.error(id: nil, error: error))
        case .single(let message):
            if let reply = await handleInline(message) {
                if let data = reply { await sink.send(data) }
                return
            }
            guard case .request(let id, let method, let params) = message else { return }
            if let entry = broker.registry.entry(method), let sync = entry.syncCall {
                // Answers at once (see MethodRegistry.registerSync): on this reader, before the next frame.
                await sink.send(dispatchSync(sync, id: id, method: method, params: params))
                return
            }
            let flag: CancellationFlag
            switch admit(id) {
            case .admitted(let f): flag = f
            case .refused(let error):
                await sink.send(encoder.error(id: error.code == .rateLimited ? id : nil, error: error))
                return
            }
            // Start on the reader's thread: a handler that finishes without suspending (ping, lookups) costs no
            // task switch; one that awaits (SQLite, actors, I/O) moves off it there, and reading goes on.
            Task.immediate {
                let data = await self.dispatch(id: id, method: method, params: params, flag: flag)
                await self.sink.send(data)
                self.finish(id)
            }
        case .batch(let messages):
            // Validate and admit every element now, in order, so lifecycle changes that follow the batch
            // (e.g. shutdown) see its requests in flight; then run them and reply with one array.
            var slots: [BatchSlot] = []
            for m in messages {
                if let reply = await handleInline(m) {
                    if let r = reply { slots.append(.done(r)) }
                } else if case .request(let id, let method, let params) = m {
                    switch admit(id) {
                    case .admitted(let flag): slots.append(.run(id, method, params, flag))
                    case .refused(let error): slots.append(.done(encoder.error(id: error.code == .rateLimited ? id : nil, error: error)))
                    }
                }
            }
            guard !slots.isEmpty else { return }
            state.withLock { $0.pendingTasks += 1 }
            Task {
                defer { self.taskDone() }
                let replies = await withTaskGroup(of: (Int, Data).self) { group in
                    var out = [Data?](repeating: nil, count: slots.count)
                    for (i, slot) in slots.enumerated() {
                        switch slot {
                        case .done(let d): out[i] = d
                        case .run(let id, let method, let params, let flag):
                            group.addTask {
                                let d = await self.dispatch(id: id, method: method, params: params, flag: flag)
                                self.finish(id)
                                return (i, d)
                            }
                        }
                    }
                    for await (i, d) in group { out[i] = d }
                    return out.compactMap { $0 }
                }
                await self.sink.send(self.encoder.batch(replies))
            }
        }
    }

    private enum BatchSlot: @unchecked Sendable {
        case done(Data)
        case run(RequestID, String, IncomingParams, CancellationFlag)
    }

    /// Ends the session: cancels everything in flight (client gone).
    public func close() {
        let flags = state.withLock { s -> [CancellationFlag] in
            s.phase = .closed
            return Array(s.inFlight.values)
        }
        // Handlers see the cancellation and finish; their replies go nowhere.
        flags.forEach { $0.cancel() }
        broker.hub.remove(self)
    }

    /// Sends a server → client notification (dropped before `initialize` or after close).
    public func notify<N: RPCNotification>(_ notification: N) async {
        await sendNotification(method: N.method, params: notification)
    }

    func sendNotification(method: String, params: some Encodable) async {
        guard phase == .ready || phase == .shuttingDown, let data = try? encoder.notification(method: method, params: params)
        else { return }
        await sink.send(data)
    }

    // MARK: - Lifecycle and inline messages

    /// Returns `.some(reply?)` when the message was handled inline (lifecycle, notifications, errors),
    /// nil when it is a request to dispatch.
    private func handleInline(_ message: IncomingMessage) async -> Data?? {
        switch message {
        case .invalid(let id, let error):
            return .some(encoder.error(id: id, error: error))
        case .response:
            return .some(nil)  // clients do not answer server requests in v1; ignore
        case .notification(let method, let params):
            await handleNotification(method, params)
            return .some(nil)
        case .request(let id, let method, let params):
            switch method {
            case InitializeRequest.method:
                return .some(await initialize(id: id, params: params))
            case ShutdownRequest.method:
                switch beginShutdown() {
                case .new:
                    return .some(encoder.error(id: id, error: RPCError(.serverNotInitialized, "shutdown needs an initialized session")))
                case .shuttingDown, .closed:
                    return .some(encoder.error(id: id, error: RPCError(.shuttingDown, "the session is already shutting down; only \"exit\" is accepted")))
                case .ready:
                    break
                }
                // Reply once everything in flight has been answered.
                state.withLock { $0.pendingTasks += 1 }
                Task {
                    await self.drainRequests()
                    await self.sink.send((try? self.encoder.response(id: id, result: Empty())) ?? self.encoder.error(id: id, error: .internalError()))
                    self.taskDone()
                }
                return .some(nil)
            default:
                let phase = self.phase
                if phase == .new && broker.registry.entry(method)?.beforeInitialize != true {
                    return .some(encoder.error(id: id, error: RPCError(.serverNotInitialized, "send \"initialize\" before \"\(method)\"")))
                }
                if phase == .shuttingDown || phase == .closed {
                    return .some(encoder.error(id: id, error: RPCError(.shuttingDown, "the session is shutting down; only \"exit\" is accepted")))
                }
                if case .invalid(let e) = params {
                    broker.observe(method: method, duration: .zero, errorCode: e.code.rawValue, principal: principal?.id)
                    return .some(encoder.error(id: id, error: e))
                }
                return nil
            }
        }
    }

    private func initialize(id: RequestID, params: IncomingParams) async -> Data {
        guard case .typed(let any) = params, let request = any as? InitializeRequest else {
            if case .invalid(let e) = params { return encoder.error(id: id, error: e) }
            return encoder.error(id: id, error: .invalidParams("initialize needs {protocolVersion}"))
        }
        if phase != .new { return encoder.error(id: id, error: RPCError(.alreadyInitialized, "the session is already initialized")) }
        guard let major = ProtocolVersion.major(of: request.protocolVersion), ProtocolVersion.supportedMajors.contains(major) else {
            let supported = ProtocolVersion.supportedMajors.map { "\($0).x" }
            return encoder.error(
                id: id,
                error: RPCError(
                    .unsupportedProtocolVersion,
                    "protocol version \(request.protocolVersion) is not supported; this server speaks \(supported.joined(separator: ", "))",
                    data: ["supported": .array(supported.map { .string($0) })]))
        }
        var principal = auth.principal
        if principal == nil, let token = request.token, let check = auth.authenticate {
            principal = await check(token)
        }
        guard let principal else {
            broker.observe(method: InitializeRequest.method, duration: .zero, errorCode: ErrorCode.unauthorized.rawValue)
            return encoder.error(id: id, error: RPCError(.unauthorized, "a valid access token is required (Authorization: Bearer …, ?token=…, or initialize {token})"))
        }
        state.withLock {
            $0.phase = .ready
            $0.principal = principal
        }
        broker.hub.add(self)
        let result = InitializeResult(
            protocolVersion: ProtocolVersion.current,
            serverInfo: .init(name: broker.configuration.serverName, version: broker.configuration.serverVersion),
            capabilities: broker.capabilities, principal: principal.id)
        return (try? encoder.response(id: id, result: result)) ?? encoder.error(id: id, error: .internalError())
    }

    /// Moves a ready session to shutting down; returns the phase it was in.
    private func beginShutdown() -> Phase {
        state.withLock { s -> Phase in
            let was = s.phase
            if was == .ready {
                s.phase = .shuttingDown
                s.shutdownRequested = true
            }
            return was
        }
    }

    private func handleNotification(_ method: String, _ params: IncomingParams) async {
        switch method {
        case ExitNotification.method:
            // The transport stops reading, waits for replies in flight (drain) and closes.
            state.withLock { $0.exitRequested = true }
        case CancelRequestNotification.method:
            if case .typed(let any) = params, let cancel = any as? CancelRequestNotification {
                let flag = state.withLock { $0.inFlight[cancel.id] }
                flag?.cancel()
            }
        default:
            guard phase == .ready, case .typed(let any) = params, let handler = broker.registry.notificationHandlers[method] else {
                if broker.registry.entry(method) != nil {
                    // A request method without an id: JSON-RPC forbids answering a notification, so it is not run
                    // (its result could not be delivered); the log says so.
                    logger.warning(
                        "request sent as a notification (no id) was not run",
                        metadata: ["event": "request.withoutId", "method": .string(method)])
                } else if phase == .ready {
                    await broker.forwardNotification(method: method, params: params, session: self)
                }
                return
            }
            await handler(any, context(id: nil, method: method, flag: CancellationFlag()))
        }
    }

    // MARK: - Dispatch

    private enum Admission {
        case admitted(CancellationFlag)
        case refused(RPCError)
    }

    /// Registers a request in flight. An id already in flight is refused (with a null id, so the first request
    /// keeps the only reply carrying it): two requests sharing an id could not be told apart or cancelled.
    private func admit(_ id: RequestID) -> Admission {
        let limit = broker.configuration.maxInFlight
        return state.withLock { s in
            if s.inFlight[id] != nil {
                return .refused(RPCError(
                    .invalidRequest, "Invalid request: a request with id \(id) is still in flight on this connection; ids must be unique until answered",
                    data: ["id": id.jsonValue]))
            }
            guard s.inFlight.count < limit else {
                return .refused(RPCError(.rateLimited, "too many requests in flight on this connection (limit \(limit)); wait for replies"))
            }
            let flag = CancellationFlag()
            s.inFlight[id] = flag
            return .admitted(flag)
        }
    }

    private func finish(_ id: RequestID) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.inFlight.removeValue(forKey: id)
            return s.takeWaitersIfIdle()
        }
        waiters.forEach { $0.resume() }
    }

    private func taskDone() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.pendingTasks -= 1
            return s.takeWaitersIfIdle()
        }
        waiters.forEach { $0.resume() }
    }

    /// Waits until the requests in flight (not batches or shutdown) are answered.
    private func drainRequests() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { s -> Bool in
                if s.inFlight.isEmpty { return true }
                s.requestWaiters.append(c)
                return false
            }
            if idle { c.resume() }
        }
    }

    /// Waits until every request in flight has been answered (stdio at end of input, WebSocket at close).
    public func drain() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { s -> Bool in
                if s.inFlight.isEmpty && s.pendingTasks == 0 { return true }
                s.drainWaiters.append(c)
                return false
            }
            if idle { c.resume() }
        }
    }

    func context(id: RequestID?, method: String, flag: CancellationFlag) -> RequestContext {
        RequestContext(
            principal: principal ?? .local, connectionID: self.id, requestID: id, method: method, logger: logger,
            cancellation: flag, session: self, hub: broker.hub)
    }

    private func dispatchSync(
        _ call: @Sendable (any Sendable, RequestContext) throws -> Data, id: RequestID, method: String, params: IncomingParams
    ) -> Data {
        let start = ContinuousClock.now
        let outcome = Result {
            guard case .typed(let value) = params else { throw RPCError.internalError("params of \(method) were not decoded") }
            return try call(value, context(id: id, method: method, flag: CancellationFlag()))
        }
        return reply(id: id, method: method, since: start, outcome, cancelled: false)
    }

    private func dispatch(id: RequestID, method: String, params: IncomingParams, flag: CancellationFlag) async -> Data {
        let start = ContinuousClock.now
        let ctx = context(id: id, method: method, flag: flag)
        let outcome: Result<Data, any Error>
        do {
            outcome = .success(try await broker.call(method: method, params: params, context: ctx, id: id))
        } catch {
            outcome = .failure(error)
        }
        return reply(id: id, method: method, since: start, outcome, cancelled: flag.isCancelled)
    }

    /// Records the request's timing and error code for monitoring and encodes its reply (a cancelled request
    /// answers `cancelled` whatever its handler returned).
    private func reply(id: RequestID, method: String, since start: ContinuousClock.Instant, _ outcome: Result<Data, any Error>, cancelled: Bool)
        -> Data
    {
        if case .success(let data) = outcome, !cancelled {
            broker.observe(method: method, duration: ContinuousClock.now - start, errorCode: nil, principal: principal?.id)
            return encoder.response(id: id, encodedResult: data)
        }
        var rpc = RPCError.cancelled
        if !cancelled, case .failure(let error) = outcome { rpc = ErrorMapping.rpcError(for: error, logger: logger, method: method) }
        broker.observe(method: method, duration: ContinuousClock.now - start, errorCode: rpc.code.rawValue, principal: principal?.id)
        return encoder.error(id: id, error: rpc)
    }
}

extension Session.State {
    mutating func takeWaitersIfIdle() -> [CheckedContinuation<Void, Never>] {
        var out: [CheckedContinuation<Void, Never>] = []
        if inFlight.isEmpty {
            out = requestWaiters
            requestWaiters = []
        }
        guard inFlight.isEmpty && pendingTasks == 0 else { return out }
        defer { drainWaiters = [] }
        return out + drainWaiters
    }
}
