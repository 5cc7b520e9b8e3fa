import Foundation
import Logging
import MCP
import Testing
import TableTalkApp
import TableTalkMCP
import TableTalkProtocol
import TableTalkTestSupport

/// The MCP server wiring, driven with raw JSON-RPC frames over the SDK's in-memory transport: version negotiation,
/// tools/list, resources with list_changed after an import, resource errors, progress and cancellation on the wire.
@Suite struct MCPServerTests {
    /// A server on a fresh runtime and the client end of its transport, with every frame the server sent.
    final class Wire: Sendable {
        let client: InMemoryTransport
        let face: TableTalkMCPServer
        let received = ReceivedFrames()
        let importDir: URL
        let harness: MCPHarness

        init() async throws {
            let h = try await MCPHarness()
            harness = h
            importDir = h.importDir
            face = TableTalkMCPServer(broker: h.runtime.broker, version: "test", logger: Logger(label: "mcp-test"))
            let (client, server) = await InMemoryTransport.createConnectedPair()
            self.client = client
            try await client.connect()
            try await face.start(transport: server)
            let received = self.received
            Task { for try await data in await client.receive() { await received.add(data) } }
        }

        func send(_ object: JSONValue) async throws { try await client.send(try JSONEncoder().encode(object)) }

        /// Sends a request and returns its reply envelope.
        func request(_ id: Int64, _ method: String, _ params: JSONValue = [:]) async throws -> JSONValue {
            try await send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
            return try await received.first { $0["id"] == .int(id) }
        }

        func initialize(version: String = "2025-11-25") async throws -> JSONValue {
            let reply = try await request(
                0, "initialize",
                ["protocolVersion": .string(version), "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]])
            try await send(["jsonrpc": "2.0", "method": "notifications/initialized"])
            return reply
        }
    }

    actor ReceivedFrames {
        var frames: [JSONValue] = []
        func add(_ data: Data) { if let v = try? JSONDecoder().decode(JSONValue.self, from: data) { frames.append(v) } }
        func first(within: Duration = .seconds(30), _ match: (JSONValue) -> Bool) async throws -> JSONValue {
            let deadline = ContinuousClock.now + within
            while ContinuousClock.now < deadline {
                if let f = frames.first(where: match) { return f }
                try await Task.sleep(for: .milliseconds(5))
            }
            throw CancellationError()
        }
        func all(_ match: (JSONValue) -> Bool) -> [JSONValue] { frames.filter(match) }
    }

    @Test(arguments: [("2025-11-25", "2025-11-25"), ("2025-06-18", "2025-06-18"), ("2024-11-05", "2024-11-05"), ("1999-01-01", "2025-11-25"),
        // 2026-07-28 has no initialize: the handshake answers its newest revision, never echoes the stateless one.
        ("2026-07-28", "2025-11-25")])
    func negotiatesTheProtocolVersion(_ asked: String, _ agreed: String) async throws {
        let wire = try await Wire()
        let reply = try await wire.initialize(version: asked)
        #expect(reply["result"]?["protocolVersion"] == .string(agreed))
        #expect(reply["result"]?["serverInfo"]?["name"] == "tabletalk")
        #expect(reply["result"]?["capabilities"]?["resources"]?["listChanged"] == .bool(true))
    }

    @Test func listsToolsAndAnnouncesResourcesAfterAnImport() async throws {
        let wire = try await Wire()
        _ = try await wire.initialize()
        let tools = try await wire.request(1, "tools/list")
        #expect(tools["result"]?["tools"]?.arrayValue?.count == ToolCatalog.tools.count)
        #expect(try await wire.request(2, "resources/list")["result"]?["resources"] == .array([]))
        let templates = try await wire.request(3, "resources/templates/list")
        #expect(templates["result"]?["resourceTemplates"]?.arrayValue?.first?["uriTemplate"] == "tabletalk://tables/{name}")

        let path = wire.importDir.appendingPathComponent("shop.csv").path
        let imported = try await wire.request(
            4, "tools/call",
            ["name": "import_csv", "arguments": ["path": .string(path)], "_meta": ["progressToken": "imp"]])
        #expect(imported["result"]?["isError"] == .bool(false))
        #expect(imported["result"]?["structuredContent"]?["table"]?["name"] == "shop")
        let progress = await wire.received.all { $0["method"] == "notifications/progress" }
        #expect(!progress.isEmpty && progress.allSatisfy { $0["params"]?["progressToken"] == "imp" })
        #expect(progress.last?["params"]?["progress"]?.doubleValue == 100)
        _ = try await wire.received.first { $0["method"] == "notifications/resources/list_changed" }

        let resources = try await wire.request(5, "resources/list")
        #expect(resources["result"]?["resources"]?.arrayValue?.first?["uri"] == "tabletalk://tables/shop")
        let read = try await wire.request(6, "resources/read", ["uri": "tabletalk://tables/shop"])
        let text = try #require(read["result"]?["contents"]?.arrayValue?.first?["text"]?.stringValue)
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(schema["rowCount"] == .int(12))
        let missing = try await wire.request(7, "resources/read", ["uri": "tabletalk://tables/nope"])
        #expect(missing["error"]?["code"] == .int(-32002))
        let foreign = try await wire.request(8, "resources/read", ["uri": "file:///etc/passwd"])
        #expect(missing["error"] != nil && foreign["error"]?["code"] == .int(-32002))
    }

    @Test func toolFailuresAreResultsAndBadParamsAreErrors() async throws {
        let wire = try await Wire()
        _ = try await wire.initialize()
        let failed = try await wire.request(1, "tools/call", ["name": "run_sql", "arguments": ["sql": "DROP TABLE x"]])
        #expect(failed["result"]?["isError"] == .bool(true))
        #expect(failed["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue?.isEmpty == false)
        let bad = try await wire.request(2, "tools/call", ["name": "run_sql", "arguments": ["sql": 1]])
        #expect(bad["error"]?["code"] == .int(-32602))
    }

    @Test func cancelledNotificationStopsTheQueryAndNoReplyIsSent() async throws {
        let wire = try await Wire()
        _ = try await wire.initialize()
        let long = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c"
        try await wire.send(["jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": ["name": "run_sql", "arguments": ["sql": .string(long)]]])
        try await Task.sleep(for: .milliseconds(300))
        try await wire.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 9, "reason": "test"]])
        // The server keeps answering, and the cancelled request gets no reply (MCP: the receiver does not respond).
        let started = ContinuousClock.now
        let next = try await wire.request(10, "tools/call", ["name": "run_sql", "arguments": ["sql": "SELECT 1"]])
        #expect(next["result"]?["structuredContent"]?["rows"] == [[1]])
        #expect(ContinuousClock.now - started < .seconds(3))
        // The broker ended the query as cancelled (monitoring counts one failed query.run besides the quick one).
        let observer = try await wire.harness.otherClient()
        var failedRuns = 0
        while failedRuns == 0 && ContinuousClock.now - started < .seconds(3) {
            let stats = try await observer.call(MonitoringStatsRequest())
            failedRuns = stats.methods.first { $0.method == "query.run" }?.errors ?? 0
            if failedRuns == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(failedRuns == 1)
        #expect(await wire.received.all { $0["id"] == 9 }.isEmpty)
    }
}
