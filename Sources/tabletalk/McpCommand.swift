import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkBroker
import TableTalkMCP

/// `tabletalk mcp`: a Model Context Protocol server over stdin/stdout (newline-delimited JSON), for agents and
/// editors that speak MCP. A face of the same broker as `tabletalk stdio`: same principal, guard and history.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the Model Context Protocol over stdin/stdout (tools and table resources). Logs go to stderr.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (config, logger) = try global.load { c in
            // Like `tabletalk stdio`: a local agent may import files from its working directory.
            c.importDirs.append(FileManager.default.currentDirectoryPath)
            c.servesUploadParts = false
        }
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        await runtime.broker.startPlugins()
        let face = TableTalkMCPServer(broker: runtime.broker, version: TableTalkRuntime.version, logger: logger)
        let transport = LineTransport(
            output: LineTransport.protocolStdout(), maxLineBytes: config.maxMessageBytes, logger: logger)
        try await face.run(transport: transport)
        runtime.broker.stopPlugins()
        await runtime.shutdown()
    }
}
