import Foundation
import Synchronization
import Testing
import TableTalkProtocol

/// Misbehaving external plugins (Tests/Fixtures/plugins/hostile_plugin.py) behind the real `tabletalk stdio`:
/// the gateway stays up and every request is answered, with the right code, in bounded time.
@Suite(.serialized) struct PluginRobustnessTests {
    /// A plugin that closes its stdin made the next request's write raise SIGPIPE and killed the gateway.
    @Test func aPluginThatClosesItsStdinIsAnErrorNotACrash() async throws {
        let gateway = try PluginGateway([.init(requestTimeout: 2)])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady()
        #expect(try await gateway.request("c", "x.closeStdin")["result"]?["closing"] == true)
        try await Task.sleep(for: .milliseconds(200))
        let (failed, took) = try await gateway.timedRequest("e", "x.echo", #"{"n":1}"#)
        #expect(failed["error"]?["code"] == -32020)
        #expect(took < .seconds(4))
        #expect(try await gateway.request("p", "ping")["result"] == .object([:]))
        // The next request restarts it.
        #expect(try await gateway.request("e2", "x.echo", #"{"n":2}"#)["result"]?["n"] == 2)
    }

    /// Plugins that exit at start used to kill the gateway with SIGPIPE on the handshake write (7 starts in 20).
    @Test func pluginsThatExitAtStartNeverKillTheGateway() async throws {
        let gateway = try PluginGateway([.init(options: ["--exit-at-start"], startTimeout: 2)])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        for i in 0..<12 {
            let (reply, took) = try await gateway.timedRequest("r\(i)", "x.echo")
            #expect(reply["error"]?["code"] == -32020)
            #expect(took < .seconds(3))
        }
        #expect(try await gateway.request("p", "ping")["result"] == .object([:]))
    }

    /// A plugin that never answers: the request ends with pluginUnavailable (reason "timeout") after the configured time.
    @Test func aHangingPluginTimesOut() async throws {
        let gateway = try PluginGateway([.init(requestTimeout: 1)])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady()
        let (reply, took) = try await gateway.timedRequest("h", "x.hang")
        #expect(reply["error"]?["code"] == -32020)
        #expect(reply["error"]?["data"]?["reason"] == "timeout")
        #expect(took >= .milliseconds(900) && took < .seconds(3))
        // The plugin is still up and answers what it can.
        #expect(try await gateway.request("e", "x.echo", #"{"ok":true}"#)["result"]?["ok"] == true)
    }

    /// `$/cancelRequest` for a proxied request is answered by the gateway even when the plugin ignores it.
    @Test func cancelIsAnsweredWhenThePluginIgnoresIt() async throws {
        let gateway = try PluginGateway([.init(requestTimeout: 30)])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady()
        let start = ContinuousClock.now
        try gateway.send(#"{"jsonrpc":"2.0","id":"h","method":"x.hang"}"#)
        try await Task.sleep(for: .milliseconds(100))
        try gateway.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"h"}}"#)
        let reply = try await gateway.reply(to: "h")
        #expect(reply["error"]?["code"] == -32800)
        #expect(ContinuousClock.now - start < .seconds(3))
        // The plugin was told (with the id the gateway gave the request), though it did nothing about it.
        let told = try await gateway.request("t", "x.cancelled")["result"]?["ids"]?.arrayValue ?? []
        #expect(told.count == 1 && told.first?.intValue != nil)
    }

    /// Replies with a wrong id type or only garbage on stdout: nothing hangs. A decimal-string id still matches.
    @Test func wrongIdsAndGarbageDoNotLeaveRequestsHanging() async throws {
        let gateway = try PluginGateway([.init(requestTimeout: 1)])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady()
        #expect(try await gateway.request("s", "x.stringId")["result"]?["stringId"] == true)
        for method in ["x.objectId", "x.garbage"] {
            let (reply, took) = try await gateway.timedRequest(method, method)
            #expect(reply["error"]?["code"] == -32020, "\(method)")
            #expect(took < .seconds(3), "\(method)")
        }
        #expect(try await gateway.request("e", "x.echo", #"{"still":"up"}"#)["result"]?["still"] == "up")
    }

    /// `shutdown` with a request stuck in a plugin, then `exit`: the process ends (the request times out first).
    @Test func shutdownAndExitEndTheProcessDespiteAHungPlugin() async throws {
        let gateway = try PluginGateway([.init(requestTimeout: 1)])
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady()
        let start = ContinuousClock.now
        try gateway.send(#"{"jsonrpc":"2.0","id":"h","method":"x.hang"}"#)
        try gateway.send(#"{"jsonrpc":"2.0","id":"s","method":"shutdown"}"#)
        #expect(try await gateway.reply(to: "h")["error"]?["code"] == -32020)
        #expect(try await gateway.reply(to: "s")["result"] == .object([:]))
        try gateway.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(await gateway.server.waitForExit() == 0)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// A command that cannot be spawned: requests answer at once, with the reason.
    @Test func aPluginThatCannotBeSpawnedAnswersAtOnce() async throws {
        let gateway = try PluginGateway([.init(command: ["no-such-tabletalk-plugin"])])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        let (reply, took) = try await gateway.timedRequest("m", "x.echo")
        #expect(reply["error"]?["code"] == -32020)
        #expect(reply["error"]?["message"]?.stringValue?.contains("No such file") == true)
        #expect(took < .milliseconds(1500))
    }

    /// A restarted plugin gets `initialize` again.
    @Test func aRestartedPluginIsInitializedAgain() async throws {
        let gateway = try PluginGateway([.init()])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady()
        let first = try await gateway.request("a", "x.initialized")["result"]
        #expect(first?["initialized"] == true)
        #expect(try await gateway.request("c", "x.crash")["error"]?["code"] == -32020)
        let second = try await gateway.request("b", "x.initialized")["result"]
        #expect(second?["initialized"] == true)
        #expect(second?["pid"] != first?["pid"])
    }

    /// Two plugins that take 4 s to start: `initialize` does not wait for them, their namespaces answer
    /// pluginUnavailable (reason "starting") meanwhile, and they start side by side (one after the other: 8 s and more).
    @Test func slowPluginsStartInTheBackgroundAndConcurrently() async throws {
        let start = ContinuousClock.now
        let gateway = try PluginGateway([
            .init(namespace: "a", options: ["--start-delay", "4"]), .init(namespace: "b", options: ["--start-delay", "4"]),
        ])
        defer { gateway.stop() }
        let initialize = try await gateway.initialize()
        #expect(ContinuousClock.now - start < .milliseconds(3500))
        #expect(initialize["result"]?["capabilities"]?["namespaces"]?["a"]?["kind"] == "external")
        let early = try await gateway.request("early", "a.echo")
        #expect(early["error"]?["code"] == -32020)
        #expect(early["error"]?["data"]?["reason"] == "starting")
        try await gateway.waitUntilReady("a")
        try await gateway.waitUntilReady("b")
        #expect(ContinuousClock.now - start < .milliseconds(7500))
    }

    /// A plugin inherits no descriptor of the gateway's beyond stdin, stdout and stderr: not the other plugin's pipes,
    /// not the gateway's databases.
    @Test func pluginsInheritNoDescriptors() async throws {
        let gateway = try PluginGateway([.init(), .init(namespace: "y")])
        defer { gateway.stop() }
        _ = try await gateway.initialize()
        try await gateway.waitUntilReady("x")
        try await gateway.waitUntilReady("y")
        // Open the catalog and a table so that the gateway holds more descriptors, then restart a plugin.
        let csv = PackagePaths.root.appendingPathComponent("Tests/Fixtures/csv/accounting_negative.csv").path
        #expect(try await gateway.request("i", "upload.importFile", #"{"path":"\#(csv)"}"#)["result"] != nil)
        #expect(try await gateway.request("t", "query.tables")["result"] != nil)
        _ = try await gateway.request("c", "x.crash")
        #expect(try await gateway.request("fx", "x.fds")["result"]?["inherited"] == .object([:]))
        #expect(try await gateway.request("fy", "y.fds")["result"]?["inherited"] == .object([:]))
    }
}

/// `tabletalk stdio` (or `serve`) with a configuration naming hostile test plugins; replies are picked out by id.
final class PluginGateway: Sendable {
    struct Plugin {
        var namespace = "x"
        var options: [String] = []
        var startTimeout: Double?
        var requestTimeout: Double?
        /// Replaces the hostile plugin's command line.
        var command: [String]?

        var json: JSONValue {
            let script = PackagePaths.root.appendingPathComponent("Tests/Fixtures/plugins/hostile_plugin.py").path
            let argv = command ?? ["python3", script, "--namespace", namespace] + options
            var o: [String: JSONValue] = ["namespace": .string(namespace), "command": .array(argv.map { .string($0) })]
            if let startTimeout { o["startTimeoutSeconds"] = .double(startTimeout) }
            if let requestTimeout { o["requestTimeoutSeconds"] = .double(requestTimeout) }
            return .object(o)
        }
    }

    let server: ServerProcess
    private let stash = Mutex<[JSONValue]>([])

    /// Starts `tabletalk <arguments> --config <file naming plugins>`.
    init(_ plugins: [Plugin], arguments: [String] = ["stdio"]) throws {
        let dir = PackagePaths.tempDir("tt-plugins")
        let config = dir.appendingPathComponent("config.json")
        try JSONEncoder().encode(JSONValue.object(["plugins": .array(plugins.map(\.json))])).write(to: config)
        server = try ServerProcess(arguments + ["--config", config.path])
    }

    func stop() { server.terminate() }

    func send(_ text: String) throws { try server.write(text + "\n") }

    /// The next message with this id (other messages are kept for later calls).
    func reply(to id: String) async throws -> JSONValue {
        if let kept = stash.withLock({ s -> JSONValue? in
            guard let i = s.firstIndex(where: { $0["id"] == .string(id) }) else { return nil }
            return s.remove(at: i)
        }) {
            return kept
        }
        while let line = await server.stdoutLines.next() {
            let message = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
            if message["id"] == .string(id) { return message }
            stash.withLock { $0.append(message) }
        }
        throw PluginGatewayError(description: "no reply to \(id); stderr: \(server.stderr)")
    }

    func request(_ id: String, _ method: String, _ params: String = "{}") async throws -> JSONValue {
        try send(#"{"jsonrpc":"2.0","id":"\#(id)","method":"\#(method)","params":\#(params)}"#)
        return try await reply(to: id)
    }

    /// The reply and how long it took.
    func timedRequest(_ id: String, _ method: String, _ params: String = "{}") async throws -> (JSONValue, Duration) {
        let start = ContinuousClock.now
        let reply = try await request(id, method, params)
        return (reply, ContinuousClock.now - start)
    }

    func initialize() async throws -> JSONValue {
        try await request("init", "initialize", #"{"protocolVersion":"1.0"}"#)
    }

    /// Polls `<namespace>.echo` until the plugin answers (a guard, not a timing assertion).
    func waitUntilReady(_ namespace: String = "x") async throws {
        for i in 0..<200 {
            let reply = try await request("ready-\(namespace)-\(i)", "\(namespace).echo")
            if reply["result"] != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw PluginGatewayError(description: "plugin \(namespace) never became ready; stderr: \(server.stderr)")
    }
}

struct PluginGatewayError: Error, CustomStringConvertible {
    let description: String
}
