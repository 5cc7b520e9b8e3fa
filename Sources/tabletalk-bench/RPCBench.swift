import ArgumentParser
import Foundation
import Logging
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkStdio
import TableTalkWebSocket

/// `tabletalk-bench rpc`: ping throughput over one WebSocket connection and over stdio, and p99 latency with
/// many concurrent WebSocket clients — each against a bare anchor measured in the same run.
struct RPCBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rpc", abstract: "JSON-RPC transport benchmark.")

    @Option(help: "Seconds per measurement.") var seconds: Double = 3
    @Option(help: "Concurrent WebSocket clients for the latency test.") var clients: Int = 1000
    @Option(help: "Seconds of the concurrent latency test.") var latencySeconds: Double = 5
    @Option(help: "Messages in flight on the single connection.") var window: Int = 64
    @Option(help: "Paced latency test: each client sends one request every this many ms (0 = skip).")
    var clientIntervalMs: Int = 100
    @Option(help: "WebSocket load generator: raw (plain sockets, one poll thread; the default) or library (HummingbirdWSClient, a task per connection).")
    var client: String = "raw"
    @Option(help: "Run only these parts (comma-separated: ws, stdio, closed, paced), e.g. to profile one.")
    var only: String?

    func wants(_ part: String) -> Bool { only.map { $0.split(separator: ",").contains(Substring(part)) } ?? true }

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("tt-bench-\(UUID().uuidString)")
        var config = AppConfiguration(dataDir: dataDir)
        config.maxInFlight = 4096
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        let token = runtime.tokens.createEphemeral(principal: .local)
        let tokens = runtime.tokens

        let gatewayPort = AsyncStream<Int>.makeStream()
        let echoPort = AsyncStream<Int>.makeStream()
        let server = GatewayServer(
            broker: runtime.broker,
            configuration: .init(host: "127.0.0.1", port: 0, authenticate: { tokens.authenticate($0) }), logger: logger)
        let gatewayTask = Task { try await server.run { gatewayPort.continuation.yield($0) } }
        let echoTask = Task { try await EchoServer.run { echoPort.continuation.yield($0) } }
        var gi = gatewayPort.stream.makeAsyncIterator()
        var ei = echoPort.stream.makeAsyncIterator()
        guard let gp = await gi.next(), let ep = await ei.next() else { throw ValidationError("servers did not start") }

        let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"1.0"}}"#
        let gateway = Target(port: gp, path: "/rpc?token=\(token)", setup: [initialize])
        let echo = Target(port: ep, path: "/echo", setup: [])

        say("TableTalk RPC benchmark (\(BenchClock.machine())); anchor = bare Hummingbird WebSocket echo / bare pipe echo")
        say("  WebSocket load generator: \(client == "raw" ? "raw (plain sockets, one poll thread)" : "library (HummingbirdWSClient, a task per connection)")")
        var wsEcho = 0.0
        if wants("ws") || wants("stdio") {
            say("  measuring WebSocket throughput…")
            wsEcho = try await throughput(echo, ping)
        }
        if wants("ws") {
            let wsGateway = try await throughput(gateway, ping)
            report("ping over one WebSocket (req/s)", gateway: wsGateway, anchor: wsEcho, higherIsBetter: true)
        }
        if wants("stdio") {
            say("  measuring stdio throughput…")
            let (stdioEcho, stdioGateway) = await stdioThroughput(runtime: runtime, line: ping)
            report("ping over stdio (req/s)", gateway: stdioGateway, anchor: wsEcho, higherIsBetter: true)
            say(String(format: "    (stdio vs a bare pipe byte copy: %.0f lines/s — a transport doing no JSON work)", stdioEcho))
        }
        if wants("closed") {
            say("  measuring \(clients) concurrent clients, closed loop…")
            let (e, eFailed) = try await latency(echo, ping, interval: nil)
            let (g, gFailed) = try await latency(gateway, ping, interval: nil)
            report("p50 latency, \(clients) WebSocket clients (ms)", gateway: g.p50, anchor: e.p50, higherIsBetter: false)
            report("p99 latency, \(clients) WebSocket clients (ms)", gateway: g.p99, anchor: e.p99, higherIsBetter: false)
            say(String(format: "  requests: gateway %d (%.0f/s), echo %d (%.0f/s); failed connections: gateway %d, echo %d",
                g.sorted.count, Double(g.sorted.count) / latencySeconds, e.sorted.count, Double(e.sorted.count) / latencySeconds, gFailed, eFailed))
            say("    (closed loop: every client sends its next ping as soon as the reply arrives — saturation, mostly queueing)")
        }
        if wants("paced") && clientIntervalMs > 0 {
            let interval = Double(clientIntervalMs) / 1000
            say(String(format: "  measuring %d clients paced at one ping per %d ms each (%.0f req/s offered)…",
                clients, clientIntervalMs, Double(clients) / interval))
            let (e, eFailed) = try await latency(echo, ping, interval: interval)
            let (g, gFailed) = try await latency(gateway, ping, interval: interval)
            report("p50 latency, \(clients) paced clients (ms)", gateway: g.p50, anchor: e.p50, higherIsBetter: false)
            report("p99 latency, \(clients) paced clients (ms)", gateway: g.p99, anchor: e.p99, higherIsBetter: false)
            say("  requests: gateway \(g.sorted.count), echo \(e.sorted.count); failed connections: gateway \(gFailed), echo \(eFailed)")
        }
        gatewayTask.cancel()
        echoTask.cancel()
        try? FileManager.default.removeItem(at: dataDir)
    }

    /// A server under test: where to connect and what to send first.
    struct Target {
        let port: Int
        let path: String
        let setup: [String]
        var url: String { "ws://127.0.0.1:\(port)\(path)" }
    }

    func throughput(_ t: Target, _ message: String) async throws -> Double {
        let (window, seconds) = (self.window, self.seconds)
        if client == "raw" {
            return try await RawWSLoad.onThread {
                try RawWSLoad.throughput(port: t.port, path: t.path, message: message, window: window, seconds: seconds, setup: t.setup)
            }
        }
        return try await WSLoad.throughput(url: t.url, message: message, window: window, seconds: seconds, setup: t.setup)
    }

    func latency(_ t: Target, _ message: String, interval: Double?) async throws -> (LatencyStats, Int) {
        let (clients, seconds) = (self.clients, self.latencySeconds)
        if client == "raw" {
            let r = try await RawWSLoad.onThread {
                try RawWSLoad.latency(port: t.port, path: t.path, message: message, clients: clients, seconds: seconds, interval: interval, setup: t.setup)
            }
            return (r.0, r.failed)
        }
        return try await WSLoad.concurrentLatency(
            url: t.url, message: message, clients: clients, seconds: seconds, interval: interval.map { .milliseconds(Int($0 * 1000)) },
            setup: t.setup)
    }

    func stdioThroughput(runtime: TableTalkRuntime, line: String) async -> (echo: Double, gateway: Double) {
        let window = self.window, seconds = self.seconds
        let a = StdioLoad.makePipe(), b = StdioLoad.makePipe()
        StdioLoad.startEcho(read: a.read, write: b.write)
        let echo = await StdioLoad.onThread {
            StdioLoad.throughput(write: a.write, read: b.read, line: line, window: window, seconds: seconds)
        }
        let c = StdioLoad.makePipe(), d = StdioLoad.makePipe()
        let transport = StdioTransport(broker: runtime.broker, input: c.read, output: d.write)
        Task { _ = await transport.run() }
        let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"1.0"}}"#
        let gateway = await StdioLoad.onThread {
            _ = StdioLoad.roundTrip(write: c.write, read: d.read, line: initialize)
            return StdioLoad.throughput(write: c.write, read: d.read, line: line, window: window, seconds: seconds)
        }
        return (echo, gateway)
    }

    func report(_ name: String, gateway: Double, anchor: Double, higherIsBetter: Bool) {
        let overhead = higherIsBetter ? anchor / max(gateway, 1e-9) : gateway / max(anchor, 1e-9)
        say(String(format: "  %-44@ gateway %10.1f   anchor %10.1f   overhead %.2fx", name as NSString, gateway, anchor, overhead))
    }
}

/// Prints a line at once (stdout may be a pipe; figures should appear as they are measured).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
