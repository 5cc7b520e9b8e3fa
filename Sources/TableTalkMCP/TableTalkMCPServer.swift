public import Logging
public import MCP
public import TableTalkBroker

/// `tabletalk mcp`: the Model Context Protocol face of a ``Broker``. Serves the tools of ``ToolCatalog`` and
/// the table resources over any MCP transport (stdio for agents, in-memory for tests), in two eras chosen by the
/// client's first request (``EraSwitch``): MCP 2026-07-28 (`server/discover`, the per-request `_meta` envelope,
/// `subscriptions/listen`) by ``ModernServer``, and the `initialize` handshake revisions (2024-11-05 … 2025-11-25)
/// by the Swift SDK's `Server` (`modelcontextprotocol/swift-sdk`), with their version negotiation, progress and
/// cancellation. Both eras answer with the same ``TableTalkTools`` and ``TableResources``.
public struct TableTalkMCPServer: Sendable {
    public let server: Server
    public let channel: BrokerChannel
    public let tools: TableTalkTools
    public let resources: TableResources
    let modern: ModernServer
    let eras: EraSwitch

    public init(broker: Broker, version: String, logger: Logger) {
        let identity = ServerIdentity(version: version)
        let server = Server(
            name: identity.name, version: identity.version, title: identity.title, instructions: identity.instructions,
            capabilities: identity.capabilities)
        let channel = BrokerChannel(broker: broker)
        let eras = EraSwitch(logger: logger)
        let listens = ListenStreams()
        self.server = server
        self.channel = channel
        self.eras = eras
        self.resources = TableResources(channel: channel)
        self.tools = TableTalkTools(channel: channel) { [server, eras, listens] in
            // 2026-07-28 sends list changes only on the listen streams that asked; the handshake revisions to all.
            if await eras.era == .modern {
                await listens.resourceListChanged()
                return
            }
            do { try await server.notify(ResourceListChangedNotification.message()) } catch {
                logger.warning("could not send resources/list_changed", metadata: ["error": "\(error)"])
            }
        }
        self.modern = ModernServer(tools: tools, resources: resources, identity: identity, listens: listens)
    }

    /// Registers the handlers, opens the broker session and serves `transport` until the client closes it.
    public func run(transport: any Transport) async throws {
        try await start(transport: transport)
        await server.waitUntilCompleted()
        channel.close()
    }

    /// Registers the handlers, opens the broker session and starts serving (returns at once).
    public func start(transport: any Transport) async throws {
        try await channel.open(clientName: "mcp")
        let tools = self.tools
        let resources = self.resources
        let server = self.server
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: ToolCatalog.tools) }
        await server.withMethodHandler(CallTool.self) { params in
            let progress = params._meta?.progressToken.map { token in
                ProgressReporter(token: token) { p in try? await server.notify(ProgressNotification.message(p)) }
            }
            return try await tools.call(params.name, arguments: params.arguments, progress: progress)
        }
        await server.withMethodHandler(ListResources.self) { _ in try await resources.list() }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in .init(templates: [TableResources.template]) }
        await server.withMethodHandler(ReadResource.self) { params in try await resources.read(params.uri) }
        await eras.attach(transport, modern: modern)
        try await server.start(transport: eras)
    }
}
