import Foundation
import Logging
import MCP
import Testing
import TableTalkApp
import TableTalkMCP
import TableTalkProtocol
import TableTalkTestSupport

#if canImport(Glibc)
    import Glibc
#endif

extension MCPServerTests.Wire {
    /// The 2026-07-28 envelope for `_meta`, with `extra` keys (a progress token).
    static func envelope(_ version: JSONValue = "2026-07-28", _ extra: [String: JSONValue] = [:]) -> JSONValue {
        var meta: [String: JSONValue] = [
            "io.modelcontextprotocol/protocolVersion": version, "io.modelcontextprotocol/clientCapabilities": [:],
            "io.modelcontextprotocol/clientInfo": ["name": "t", "version": "1"],
        ]
        meta.merge(extra) { _, new in new }
        return .object(meta)
    }

    /// A 2026-07-28 request: `params` plus the envelope in `_meta`; returns the reply.
    func modern(_ id: Int64, _ method: String, _ params: [String: JSONValue] = [:], meta: [String: JSONValue] = [:])
        async throws -> JSONValue
    {
        var params = params
        params["_meta"] = Self.envelope("2026-07-28", meta)
        return try await request(id, method, .object(params))
    }
}

/// MCP 2026-07-28 on the wire (raw frames over the SDK's in-memory transport): `server/discover`, the per-request
/// `_meta` revision, `-32022` with the served revisions, `resultType`, list changes on `subscriptions/listen` only,
/// progress and cancellation; and the era set by the first request (the handshake revisions stay as they were).
@Suite struct MCPModernRevisionTests {
    typealias Wire = MCPServerTests.Wire

    @Test func discoverNamesTheServedRevisionsCapabilitiesAndServer() async throws {
        let wire = try await Wire()
        let reply = try await wire.modern(1, "server/discover")
        let result = try #require(reply["result"])
        #expect(result["supportedVersions"] == .array(ProtocolRevisions.all.map { .string($0) }))
        #expect(ProtocolRevisions.all.first == "2026-07-28" && ProtocolRevisions.all.contains("2025-11-25"))
        #expect(result["resultType"] == "complete")
        #expect(result["ttlMs"] == .int(0) && result["cacheScope"] == "private")
        #expect(result["capabilities"]?["resources"]?["listChanged"] == .bool(true))
        #expect(result["capabilities"]?["tools"] != nil)
        #expect(result["instructions"]?.stringValue?.contains("import_csv") == true)
        #expect(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "tabletalk")
    }

    @Test func everyRequestMustCarryItsRevisionInMeta() async throws {
        let wire = try await Wire()
        #expect(try await wire.modern(1, "tools/list")["result"]?["tools"]?.arrayValue?.count == ToolCatalog.tools.count)
        // The connection speaks 2026-07-28 now, yet a request without its envelope is refused: nothing is inferred
        // from earlier requests.
        let bare = try await wire.request(2, "tools/list")
        #expect(bare["error"]?["code"] == .int(-32602))
        let noCapabilities = try await wire.request(
            3, "tools/list", ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]])
        #expect(noCapabilities["error"]?["code"] == .int(-32602))
        #expect(noCapabilities["error"]?["message"]?.stringValue?.contains("clientCapabilities") == true)
        let numeric = try await wire.request(4, "tools/list", ["_meta": Wire.envelope(20260728)])
        #expect(numeric["error"]?["code"] == .int(-32602))
    }

    @Test(arguments: ["2025-11-25", "2099-01-01", ""])
    func aRevisionNotServedIsRefusedWithTheServedList(_ asked: String) async throws {
        let wire = try await Wire()
        let reply = try await wire.request(1, "server/discover", ["_meta": Wire.envelope(.string(asked))])
        #expect(reply["error"]?["code"] == .int(-32022))
        #expect(reply["error"]?["data"]?["supported"] == .array(ProtocolRevisions.all.map { .string($0) }))
        #expect(reply["error"]?["data"]?["requested"] == .string(asked))
        // The refusal sets no era: the client may still choose the handshake from the list.
        let handshake = try await wire.initialize(version: "2025-11-25")
        #expect(handshake["result"]?["protocolVersion"] == "2025-11-25")
    }

    @Test func resultsCarryResultTypeAndFailuresStayResults() async throws {
        let wire = try await Wire()
        let ok = try await wire.modern(1, "tools/call", ["name": "run_sql", "arguments": ["sql": "SELECT 41 + 1"]])
        #expect(ok["result"]?["resultType"] == "complete")
        #expect(ok["result"]?["structuredContent"]?["rows"] == [[42]])
        #expect(ok["result"]?["ttlMs"] == nil, "a tool call is not cacheable")
        let refused = try await wire.modern(2, "tools/call", ["name": "run_sql", "arguments": ["sql": "DROP TABLE x"]])
        #expect(refused["result"]?["isError"] == .bool(true) && refused["result"]?["resultType"] == "complete")
        let bad = try await wire.modern(3, "tools/call", ["name": "run_sql", "arguments": ["sql": 1]])
        #expect(bad["error"]?["code"] == .int(-32602))
        let unknownTool = try await wire.modern(4, "tools/call", ["name": "nope"])
        #expect(unknownTool["error"]?["code"] == .int(-32602))
        let missing = try await wire.modern(5, "resources/read", ["uri": "tabletalk://tables/nope"])
        #expect(missing["error"]?["code"] == .int(-32602), "2026-07-28 retired -32002")
        let listed = try await wire.modern(6, "resources/list")
        #expect(listed["result"]?["resources"] == .array([]) && listed["result"]?["resultType"] == "complete")
        let templates = try await wire.modern(7, "resources/templates/list")
        #expect(templates["result"]?["resourceTemplates"]?.arrayValue?.count == 1 && templates["result"]?["ttlMs"] == .int(0))
        #expect(try await wire.modern(8, "resources/subscribe", ["uri": "x"])["error"]?["code"] == .int(-32601))
    }

    @Test func theFirstRequestSetsTheEra() async throws {
        let modern = try await Wire()
        _ = try await modern.modern(1, "server/discover")
        let lateHandshake = try await modern.initialize(version: "2025-11-25")
        #expect(lateHandshake["error"]?["code"] == .int(-32022))
        #expect(lateHandshake["error"]?["data"]?["supported"] == ["2026-07-28"])

        let handshake = try await Wire()
        _ = try await handshake.initialize()
        let lateModern = try await handshake.modern(1, "tools/list")
        #expect(lateModern["error"]?["code"] == .int(-32600))
        #expect(try await handshake.request(2, "tools/list")["result"]?["resultType"] == nil, "handshake results unchanged")
    }

    @Test func unreadableMessagesOnAModernConnectionAreErrors() async throws {
        let wire = try await Wire()
        _ = try await wire.modern(1, "server/discover")
        try await wire.client.send(Data("not json".utf8))
        let parse = try await wire.received.first { $0["error"]?["code"] == .int(-32700) }
        #expect(parse["id"] == .null)
        try await wire.client.send(Data(#"{"jsonrpc":"2.0"}"#.utf8))
        _ = try await wire.received.first { $0["error"]?["code"] == .int(-32600) }
        #expect(try await wire.modern(2, "tools/list")["result"]?["tools"] != nil, "the connection keeps serving")
    }

    @Test func listChangesRideTheListenStreamAndProgressTheCall() async throws {
        let wire = try await Wire()
        try await wire.send([
            "jsonrpc": "2.0", "id": "listen-1", "method": "subscriptions/listen",
            "params": ["notifications": ["resourcesListChanged": true, "toolsListChanged": true], "_meta": Wire.envelope()],
        ])
        let ack = try await wire.received.first { $0["method"] == "notifications/subscriptions/acknowledged" }
        #expect(ack["params"]?["notifications"] == ["resourcesListChanged": true], "tools never change: not honored")
        #expect(ack["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "listen-1")

        let path = wire.importDir.appendingPathComponent("shop.csv").path
        let imported = try await wire.modern(
            2, "tools/call", ["name": "import_csv", "arguments": ["path": .string(path)]], meta: ["progressToken": 7])
        #expect(imported["result"]?["structuredContent"]?["table"]?["name"] == "shop")
        let progress = await wire.received.all { $0["method"] == "notifications/progress" }
        #expect(!progress.isEmpty && progress.allSatisfy { $0["params"]?["progressToken"] == .int(7) })
        #expect(progress.last?["params"]?["progress"]?.doubleValue == 100)
        let changed = try await wire.received.first { $0["method"] == "notifications/resources/list_changed" }
        #expect(changed["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "listen-1")

        // The client ends the stream: no reply for it, and no list change reaches it any more.
        try await wire.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": "listen-1"]])
        try await Task.sleep(for: .milliseconds(50))
        _ = try await wire.modern(
            3, "tools/call", ["name": "import_csv", "arguments": ["path": .string(path), "table": "again"]])
        #expect(await wire.received.all { $0["method"] == "notifications/resources/list_changed" }.count == 1)
        #expect(await wire.received.all { $0["id"] == "listen-1" }.isEmpty)
    }

    @Test func withoutAListenStreamNoListChangeIsSent() async throws {
        let wire = try await Wire()
        let path = wire.importDir.appendingPathComponent("shop.csv").path
        let imported = try await wire.modern(1, "tools/call", ["name": "import_csv", "arguments": ["path": .string(path)]])
        #expect(imported["result"]?["isError"] == .bool(false))
        try await Task.sleep(for: .milliseconds(100))
        #expect(await wire.received.all { $0["method"] == "notifications/resources/list_changed" }.isEmpty)
    }

    @Test func cancelledNotificationStopsTheQuery() async throws {
        let wire = try await Wire()
        let long = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c"
        try await wire.send([
            "jsonrpc": "2.0", "id": 9, "method": "tools/call",
            "params": ["name": "run_sql", "arguments": ["sql": .string(long)], "_meta": Wire.envelope()],
        ])
        try await Task.sleep(for: .milliseconds(300))
        try await wire.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 9]])
        let started = ContinuousClock.now
        let next = try await wire.modern(10, "tools/call", ["name": "run_sql", "arguments": ["sql": "SELECT 1"]])
        #expect(next["result"]?["structuredContent"]?["rows"] == [[1]])
        let observer = try await wire.harness.otherClient()
        var failedRuns = 0
        while failedRuns == 0 && ContinuousClock.now - started < .seconds(3) {
            failedRuns = try await observer.call(MonitoringStatsRequest()).methods.first { $0.method == "query.run" }?.errors ?? 0
            if failedRuns == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(failedRuns == 1)
        #expect(await wire.received.all { $0["id"] == 9 }.isEmpty)
    }

    /// Over stdio, end of input closes the open listen streams with a result (a graceful close) at once: they are
    /// not requests to wait for.
    @Test func endOfInputClosesListenStreamsGracefully() async throws {
        let h = try await MCPHarness()
        let (inRead, inWrite) = LineTransportTests.pipePair()
        let (outRead, outWrite) = LineTransportTests.pipePair()
        let transport = LineTransport(input: inRead, output: outWrite, logger: Logger(label: "t"))
        let face = TableTalkMCPServer(broker: h.runtime.broker, version: "test", logger: Logger(label: "t"))
        let started = ContinuousClock.now
        let served = Task { try await face.run(transport: transport) }
        let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#
        LineTransportTests.write(
            inWrite,
            #"{"jsonrpc":"2.0","id":1,"method":"subscriptions/listen","params":{"notifications":{"resourcesListChanged":true},\#(meta)}}"#
                + "\n" + #"{"jsonrpc":"2.0","id":2,"method":"server/discover","params":{\#(meta)}}"# + "\n")
        close(inWrite)
        let frames = await LineTransportTests.readLinesOffThePool(outRead, count: 3)
        try await served.value
        #expect(ContinuousClock.now - started < .seconds(10), "end of input did not wait for the stream")
        #expect(frames.contains { $0["method"] == "notifications/subscriptions/acknowledged" })
        #expect(frames.contains { $0["id"] == .int(2) && $0["result"]?["supportedVersions"] != nil })
        let closing = try #require(frames.first { $0["id"] == .int(1) })
        #expect(closing["result"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == .int(1))
        #expect(closing["result"]?["resultType"] == "complete")
        close(outRead)
        close(outWrite)
        close(inRead)
    }
}
