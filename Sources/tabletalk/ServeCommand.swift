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
        commandName: "serve",
        abstract: "Run the gateway: WebSocket JSON-RPC at /rpc, the chat UI at /, /metrics, /healthz, /openrpc.json.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port (default 8080; 0 picks a free one).") var port: Int?
    @Option(help: "Use this access token for the printed URL instead of minting one (also TABLETALK_TOKEN; must not be empty).")
    var token: String?
    @Option(help: "PEM certificate (chain) for HTTPS/WSS; needs --tls-key.") var tlsCert: String?
    @Option(help: "PEM private key for HTTPS/WSS; needs --tls-cert.") var tlsKey: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if let fixed = Self.fixedToken(flag: token) {
            do { try TokenStore.validate(fixed) } catch { throw ValidationError("\(error) (--token or TABLETALK_TOKEN)") }
        }
    }

    /// `--token`, else `TABLETALK_TOKEN` (an empty value counts: it is refused, never accepted as a token).
    static func fixedToken(flag: String?) -> String? {
        flag ?? ProcessInfo.processInfo.environment["TABLETALK_TOKEN"]
    }

    func run() async throws {
        let (config, logger) = try global.load { c in
            if let host { c.host = host }
            if let port { c.port = port }
        }
        let tls = try tlsCert.map { cert in
            let files = GatewayServerConfiguration.TLSFiles(
                certificate: URL(fileURLWithPath: cert), privateKey: URL(fileURLWithPath: tlsKey ?? ""))
            for f in [files.certificate, files.privateKey] where !FileManager.default.isReadableFile(atPath: f.path) {
                throw ValidationError("cannot read \(f.path)")
            }
            return files
        }
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        await runtime.broker.startPlugins()
        defer { runtime.broker.stopPlugins() }
        let urlToken = try Self.fixedToken(flag: token).map { try runtime.tokens.registerEphemeral($0, principal: .local) }
            ?? runtime.tokens.createEphemeral(principal: .local)
        let check = AccessTokenCheck(configuration: config, tokens: runtime.tokens, logger: logger)
        // In the AWS deployment the printed URL carries a token only when local tokens are accepted there too.
        let localTokens = config.awsDeployment?.allowLocalTokens ?? true
        let monitoring = runtime.monitoring
        let server = GatewayServer(
            broker: runtime.broker,
            configuration: .init(
                host: config.host, port: config.port, maxMessageBytes: config.maxMessageBytes, requireToken: config.requireToken,
                authenticate: { await check.authenticate($0) }, metrics: { monitoring.prometheusText() }, tls: tls,
                openRPCDocument: OpenRPCDocument.data()),
            logger: logger)
        let scheme = tls == nil ? "http" : "https"
        try await server.run { port in
            let host = config.host == "0.0.0.0" ? "127.0.0.1" : config.host
            let url = "\(scheme)://\(host):\(port)/" + (localTokens ? "?token=\(urlToken)" : " (sign in with a Cognito token)")
            let line = "TableTalk is running at \(url)\n  data: \(config.dataDir.path)\n"
            StandardError.write(line)
        }
        await runtime.shutdown()
    }
}
