import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkBroker
import TableTalkStdio

/// `tabletalk stdio`: one JSON-RPC session over stdin/stdout (editors, agents). Trusts the local user.
struct StdioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stdio",
        abstract: "Speak JSON-RPC over stdin/stdout (Content-Length or newline framing, detected). Logs go to stderr.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let transport: StdioTransport
        let (config, logger) = try global.load { c in
            // Local agents may import files from the working directory.
            c.importDirs.append(FileManager.default.currentDirectoryPath)
            // Parts arrive as upload.chunk here: no HTTP port, so no partUrl.
            c.servesUploadParts = false
        }
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        transport = StdioTransport(broker: runtime.broker, maxFrameBytes: config.maxMessageBytes)
        await runtime.broker.startPlugins()
        let code = await transport.run()
        runtime.broker.stopPlugins()
        await runtime.shutdown()
        throw ExitCode(code)
    }
}
