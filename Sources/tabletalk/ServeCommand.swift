import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkMonitoring
import TableTalkWebSocket

/// `tabletalk serve`: the HTTP + WebSocket gateway on the embedded default.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the gateway: WebSocket JSON-RPC at /rpc, the chat UI at /, /metrics, /healthz.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port (default 8080; 0 picks a free one).") var port: Int?
    @Option(help: "Use this access token for the printed URL instead of minting one (also TABLETALK_TOKEN).") var token: String?

    func run() async throws {
        let (config, logger) = try global.load { c in
            if let host { c.host = host }
            if let port { c.port = port }
        }
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        await runtime.broker.startPlugins()
        defer { runtime.broker.stopPlugins() }
        let fixed = token ?? ProcessInfo.processInfo.environment["TABLETALK_TOKEN"]
        let urlToken = fixed.map { runtime.tokens.registerEphemeral($0, principal: .local) } ?? runtime.tokens.createEphemeral(principal: .local)
        let tokens = runtime.tokens
        let monitoring = runtime.monitoring
        let server = GatewayServer(
            broker: runtime.broker,
            configuration: .init(
                host: config.host, port: config.port, maxMessageBytes: config.maxMessageBytes, requireToken: config.requireToken,
                authenticate: { tokens.authenticate($0) }, metrics: { monitoring.prometheusText() }),
            logger: logger)
        try await server.run { port in
            let host = config.host == "0.0.0.0" ? "127.0.0.1" : config.host
            let line = "TableTalk is running at http://\(host):\(port)/?token=\(urlToken)\n  data: \(config.dataDir.path)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
