public import Foundation
public import Logging
public import TableTalkCore
public import TableTalkProtocol
import Synchronization

/// The core: holds the registry built from the capability modules and external plugins, creates a
/// ``Session`` per connection and dispatches requests to handlers. It does no I/O of its own.
public final class Broker: Sendable {
    public let configuration: BrokerConfiguration
    public let registry: MethodRegistry
    public let hub: ConnectionHub
    public let logger: Logger
    let decoder: MessageDecoder
    let plugins: [String: ExternalPlugin]
    private let builtinCapabilities: InitializeResult.Capabilities
    private let nextID = Atomic<Int>(0)

    /// Builds the registry from `capabilities` (plus the built-in `ping` and `rpc.discover`).
    /// - Parameters:
    ///   - discoverDocument: the OpenRPC document returned by `rpc.discover`.
    ///   - externalPlugins: processes that own further namespaces.
    public init(
        configuration: BrokerConfiguration = .init(), capabilities modules: [any Capability],
        externalPlugins: [ExternalPlugin] = [], discoverDocument: JSONValue = .object([:]), hub: ConnectionHub = ConnectionHub(),
        logger: Logger
    ) {
        self.hub = hub
        var registry = MethodRegistry()
        registry.registerSync(PingRequest.self, beforeInitialize: true) { _, _ in Empty() }
        registry.registerSync(DiscoverRequest.self, beforeInitialize: true) { _, _ in discoverDocument }
        for module in modules { module.register(in: &registry) }
        registry.registerLifecycleTypes()
        self.registry = registry
        self.configuration = configuration
        self.logger = logger
        self.decoder = MessageDecoder(types: registry.messageTypes)
        self.plugins = Dictionary(externalPlugins.map { ($0.configuration.namespace, $0) }, uniquingKeysWith: { a, _ in a })

        var namespaces: [String: InitializeResult.Namespace] = [:]
        for name in registry.methodNames {
            let ns = MethodRegistry.namespace(of: name)
            namespaces[ns, default: .init(methods: [])].methods.append(name)
        }
        for (ns, names) in registry.outgoing { namespaces[ns, default: .init(methods: [])].notifications = names.sorted() }
        self.builtinCapabilities = .init(namespaces: namespaces, features: configuration.features)
        for plugin in externalPlugins { hub.events.attach(plugin, logger: logger) }
        let observers = registry.observers
        hub.observeCount { n in observers.forEach { $0.connectionsChanged(active: n) } }
    }

    /// What `initialize` reports: the built-in namespaces plus each external plugin's, as learned at its start.
    var capabilities: InitializeResult.Capabilities {
        var caps = builtinCapabilities
        for plugin in plugins.values {
            caps.namespaces[plugin.configuration.namespace] = .init(
                methods: plugin.methods, notifications: plugin.notifications, kind: "external")
        }
        return caps
    }

    /// Creates the session for a new connection; the transport feeds it frames and closes it on disconnect.
    public func makeSession(sink: any MessageSink, auth: Session.Auth) -> Session {
        let n = nextID.add(1, ordering: .relaxed).newValue
        return Session(id: "c\(n)", broker: self, sink: sink, auth: auth, logger: logger)
    }

    /// Starts every external plugin process (their failures are reported, not thrown).
    public func startPlugins() async {
        let observers = registry.observers
        for plugin in plugins.values {
            await plugin.start(hub: hub, observers: observers)
            // The observers (operator log) hear how the first start ended; the plugin tells them of crashes and
            // restarts itself.
            Task {
                let ready = await plugin.waitUntilStarted()
                let ns = plugin.configuration.namespace
                for o in observers {
                    if ready { o.pluginStarted(namespace: ns, methods: plugin.methods.count) }
                    else { o.pluginFailed(namespace: ns, reason: plugin.lastError ?? "did not start") }
                }
            }
        }
    }

    /// Stops every external plugin process.
    public func stopPlugins() {
        for plugin in plugins.values { plugin.stop() }
    }

    /// The plugin processes, for health checks.
    public var externalPlugins: [ExternalPlugin] { Array(plugins.values) }

    func call(method: String, params: IncomingParams, context: RequestContext, id: RequestID) async throws -> Data {
        if let entry = registry.entry(method) {
            switch params {
            case .typed(let value): return try await entry.call(value, context)
            case .invalid(let e): throw e
            case .raw: throw RPCError.internalError("params of \(method) were not decoded")
            }
        }
        if let plugin = plugins[MethodRegistry.namespace(of: method)] {
            guard case .raw(let raw) = params else { throw RPCError.invalidParams("malformed params") }
            let params = PluginRequestMeta.adding(to: raw, principal: context.principal, connection: context.connectionID)
            return try await plugin.call(method: method, params: params, cancellation: context.cancellation, connection: context.connectionID)
        }
        throw RPCError.methodNotFound(method)
    }

    func forwardNotification(method: String, params: IncomingParams, session: Session) async {
        guard let plugin = plugins[MethodRegistry.namespace(of: method)], case .raw(let raw) = params else { return }
        plugin.notify(method: method, params: raw)
    }

    func observe(method: String, duration: Duration, errorCode: Int?, principal: String? = nil) {
        // Labels come from the registry, never from what a client typed.
        let known = registry.entry(method) != nil || plugins[MethodRegistry.namespace(of: method)] != nil
        let label = known ? method : "(unknown)"
        for o in registry.observers {
            o.requestFinished(method: label, duration: duration, errorCode: errorCode, principal: principal)
        }
    }
}

extension MethodRegistry {
    /// Lifecycle methods are handled by ``Session`` itself; their types are registered for decoding and
    /// so that `methodNames` matches the spec.
    mutating func registerLifecycleTypes() {
        register(InitializeRequest.self) { _, _ in throw RPCError.internalError("handled by Session") }
        register(ShutdownRequest.self) { _, _ in throw RPCError.internalError("handled by Session") }
        on(ExitNotification.self) { _, _ in }
        on(CancelRequestNotification.self) { _, _ in }
    }
}
