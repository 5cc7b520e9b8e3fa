import Foundation
import Testing
import TableTalkProtocol

/// An external plugin process (Python) owning the `echo` namespace, through both transports.
@Suite(.serialized) struct ExternalPluginTests {
    static func configFile() throws -> URL {
        let dir = PackagePaths.tempDir("tt-plugin")
        let plugin = PackagePaths.root.appendingPathComponent("Tests/Fixtures/plugins/echo_plugin.py").path
        let config = dir.appendingPathComponent("config.json")
        try #"{"plugins": [{"namespace": "echo", "command": ["python3", "\#(plugin)"]}]}"#.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    static let methods: JSONValue = ["echo.say", "echo.notify", "echo.crash"]

    /// Waits (a guard, not a timing assertion) until the plugin, started in the background, answers `echo.say`.
    static func waitUntilReady(_ c: any TranscriptConnection) async throws {
        for i in 0..<200 {
            try await c.send(#"{"jsonrpc":"2.0","id":"ready\#(i)","method":"echo.say","params":{"text":"hi"}}"#)
            let reply = try #require(try await c.receive())
            if reply["result"] != nil {
                #expect(reply == ["jsonrpc": "2.0", "id": .string("ready\(i)"), "result": ["text": "hi"]])
                return
            }
            // Until the handshake is done the namespace answers pluginUnavailable, reason "starting".
            #expect(reply["error"]?["code"] == -32020 && reply["error"]?["data"]?["reason"] == "starting")
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the echo plugin never became ready")
    }

    static func exercise(_ c: any TranscriptConnection) async throws {
        try await c.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        let initialize = try #require(try await c.receive())
        let echo = initialize["result"]?["capabilities"]?["namespaces"]?["echo"]
        #expect(echo?["kind"] == "external")
        // The plugin starts in the background: its methods are listed once its handshake is done.
        #expect(echo?["methods"] == methods || echo?["methods"] == [])
        try await waitUntilReady(c)

        try await c.send(#"{"jsonrpc":"2.0","id":"n","method":"echo.notify"}"#)
        var got: [JSONValue] = []
        while got.count < 2, let m = try await c.receive() { got.append(m) }
        #expect(got.contains { $0["method"] == "echo.note" && $0["params"]?["text"] == "hello from the plugin" })
        #expect(got.contains { $0["id"] == "n" && $0["result"]?["sent"] == true })

        try await c.send(#"{"jsonrpc":"2.0","id":"c","method":"echo.crash"}"#)
        let crashed = try #require(try await c.receive())
        #expect(crashed["id"] == "c" && crashed["error"]?["code"] == -32020)

        // Built-in methods are unaffected, and the plugin restarts on its next request.
        try await c.send(#"{"jsonrpc":"2.0","id":"p","method":"ping"}"#)
        #expect(try await c.receive()?["result"] == .object([:]))
        try await c.send(#"{"jsonrpc":"2.0","id":"s2","method":"echo.say","params":{"again":true}}"#)
        #expect(try await c.receive()?["result"]?["again"] == true)
    }

    @Test func overStdio() async throws {
        let config = try Self.configFile()
        let server = try ServerProcess(["stdio", "--config", config.path])
        let connection = StdioConnection(server: server)
        try await Self.exercise(connection)
        await connection.close()
    }

    @Test func overWebSocket() async throws {
        let config = try Self.configFile()
        let server = try ServerProcess(["serve", "--port", "0", "--token", "plugin-token", "--config", config.path])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let connection = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc?token=plugin-token")
        try await Self.exercise(connection)
        await connection.close()
        // A connection made once the plugin is up sees its methods in `initialize`.
        let later = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc?token=plugin-token")
        try await later.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        let initialize = try #require(try await later.receive())
        #expect(initialize["result"]?["capabilities"]?["namespaces"]?["echo"]?["methods"] == Self.methods)
        await later.close()
    }
}
