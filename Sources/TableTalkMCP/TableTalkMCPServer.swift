public import Logging
public import MCP
public import TableTalkBroker

/// `tabletalk mcp`: the Model Context Protocol face of a ``Broker``. Serves the tools of ``ToolCatalog`` and
/// the table resources over any MCP transport (stdio for agents, in-memory for tests), with version negotiation,
/// progress and cancellation from the Swift SDK (`modelcontextprotocol/swift-sdk`).
public struct TableTalkMCPServer: Sendable {
    public let server: Server
    public let channel: BrokerChannel
    public let tools: TableTalkTools
    public let resources: TableResources

    public init(broker: Broker, version: String, logger: Logger) {
        let server = Server(
            name: "tabletalk", version: version, title: "TableTalk",
            instructions: """
                Ask plain-English questions about CSV files. Import a file with import_csv, see the tables with \
                list_tables or the tabletalk://tables/{name} resources, then ask; run_sql runs read-only SQL.
                """,
            capabilities: .init(resources: .init(subscribe: false, listChanged: true), tools: .init(listChanged: false)))
        let channel = BrokerChannel(broker: broker)
        self.server = server
        self.channel = channel
        self.resources = TableResources(channel: channel)
        self.tools = TableTalkTools(channel: channel) { [server] in
            do { try await server.notify(ResourceListChangedNotification.message()) } catch {
                logger.warning("could not send resources/list_changed", metadata: ["error": "\(error)"])
            }
        }
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
        try await server.start(transport: transport)
    }
}
