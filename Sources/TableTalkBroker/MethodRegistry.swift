public import TableTalkProtocol
public import Foundation

/// Maps method names to typed handlers. Params are decoded once by ``MessageDecoder`` into the method's
/// type; handlers are type-erased only here.
public struct MethodRegistry: Sendable {
    /// A handler after type erasure: takes decoded params, returns the encoded result.
    struct Entry: Sendable {
        let type: any RPCRequest.Type
        let call: @Sendable (any Sendable, RequestContext) async throws -> Data
        /// Set for handlers registered with ``MethodRegistry/registerSync(_:beforeInitialize:_:)``: they run on the
        /// connection's reader, with no task of their own.
        let syncCall: (@Sendable (any Sendable, RequestContext) throws -> Data)?
        /// Methods allowed before `initialize` (ping).
        let beforeInitialize: Bool
    }

    private(set) var entries: [String: Entry] = [:]
    private(set) var notifications: [String: any RPCNotification.Type] = [:]
    private(set) var notificationHandlers: [String: @Sendable (any Sendable, RequestContext) async -> Void] = [:]
    /// Notifications the server may send, by namespace (reported in `initialize`).
    private(set) var outgoing: [String: [String]] = [:]
    private(set) var outgoingTypes: [String: any RPCNotification.Type] = [:]
    private(set) var observers: [any RequestObserver] = []
    public private(set) var uploadPartReceiver: (any UploadPartReceiver)?

    public init() {}

    /// Registers the handler of request type `R`.
    public mutating func register<R: RPCRequest>(
        _ type: R.Type, beforeInitialize: Bool = false,
        _ handler: @escaping @Sendable (R, RequestContext) async throws -> R.Response
    ) {
        precondition(entries[R.method] == nil, "method \(R.method) registered twice")
        entries[R.method] = Entry(
            type: R.self,
            call: { params, context in
                let result = try await handler(params as! R, context)
                return try Self.encodeResult(result)
            },
            syncCall: nil,
            beforeInitialize: beforeInitialize)
    }

    /// Registers a handler that answers at once, without I/O or awaiting anything (`ping`, `rpc.discover`). It runs
    /// on the connection's reader before the next frame is read: no task, no thread hop. Anything that may take
    /// time belongs in ``register(_:beforeInitialize:_:)``.
    public mutating func registerSync<R: RPCRequest>(
        _ type: R.Type, beforeInitialize: Bool = false, _ handler: @escaping @Sendable (R, RequestContext) throws -> R.Response
    ) {
        precondition(entries[R.method] == nil, "method \(R.method) registered twice")
        let sync: @Sendable (any Sendable, RequestContext) throws -> Data = { params, context in
            try Self.encodeResult(handler(params as! R, context))
        }
        entries[R.method] = Entry(
            type: R.self, call: { params, context in try sync(params, context) }, syncCall: sync, beforeInitialize: beforeInitialize)
    }

    static func encodeResult(_ result: some Encodable) throws -> Data {
        if result is Empty { return Data("{}".utf8) }
        return try JSONEncoder().encode(result)
    }

    /// Registers the handler of a client → server notification.
    public mutating func on<N: RPCNotification>(_ type: N.Type, _ handler: @escaping @Sendable (N, RequestContext) async -> Void) {
        notifications[N.method] = N.self
        notificationHandlers[N.method] = { params, context in await handler(params as! N, context) }
    }

    /// Declares a server → client notification (for `initialize` capabilities and the spec check).
    public mutating func emits<N: RPCNotification>(_ type: N.Type) {
        let ns = MethodRegistry.namespace(of: N.method)
        outgoing[ns, default: []].append(N.method)
        outgoingTypes[N.method] = N.self
    }

    /// Adds an observer of every finished request (monitoring).
    public mutating func addObserver(_ observer: any RequestObserver) { observers.append(observer) }

    /// Sets the receiver of raw upload parts (`PUT /uploads/{id}?offset=N`).
    public mutating func setUploadPartReceiver(_ receiver: any UploadPartReceiver) { uploadPartReceiver = receiver }

    /// Every registered request method name, sorted.
    public var methodNames: [String] { entries.keys.sorted() }
    /// Every registered client → server notification name, sorted.
    public var notificationNames: [String] { notifications.keys.sorted() }
    /// Every declared server → client notification, sorted.
    public var outgoingNotificationNames: [String] { outgoing.values.flatMap { $0 }.sorted() }

    /// The params type registered for a request method (spec and tooling checks).
    public func requestType(for method: String) -> (any RPCRequest.Type)? { entries[method]?.type }

    /// The params type of a notification, either direction.
    public func notificationType(for method: String) -> (any RPCNotification.Type)? {
        notifications[method] ?? outgoingTypes[method]
    }

    var messageTypes: MessageTypes {
        MessageTypes(requests: entries.mapValues(\.type), notifications: notifications)
    }

    func entry(_ method: String) -> Entry? { entries[method] }

    static func namespace(of method: String) -> String {
        if method.hasPrefix("$/") { return "$" }
        guard let dot = method.firstIndex(of: ".") else { return "core" }
        return String(method[..<dot])
    }
}
