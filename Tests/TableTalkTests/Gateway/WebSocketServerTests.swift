import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TableTalkProtocol

/// `tabletalk serve`: auth on every request, /healthz, /metrics, many clients, misbehaving clients.
@Suite(.serialized) struct WebSocketServerTests {
    static let token = "ws-test-token"

    func http(_ url: URL, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    func serve() async throws -> (ServerProcess, URL) {
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.token])
        let url = try await server.servedURL()
        return (server, URL(string: "http://\(url.host!):\(url.port!)")!)
    }

    @Test func servePrintsAURLWithAWorkingToken() async throws {
        let server = try ServerProcess(["serve", "--port", "0"])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let token = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "token" }?.value)
        #expect(token.hasPrefix("tt_"))
        let ws = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc?token=\(token)")
        try await ws.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        #expect(try await ws.receive()?["result"]?["principal"] == "local")
        await ws.close()
    }

    @Test func healthzIsPublicMetricsNeedAToken() async throws {
        let (server, base) = try await serve()
        defer { server.terminate() }
        let (hs, hb) = try await http(base.appendingPathComponent("healthz"))
        #expect(hs == 200 && hb.contains("ok"))
        let (ms, _) = try await http(base.appendingPathComponent("metrics"))
        #expect(ms == 401)
        let (ok, text) = try await http(base.appendingPathComponent("metrics"), headers: ["Authorization": "Bearer \(Self.token)"])
        #expect(ok == 200)
        #expect(text.contains("tabletalk_active_connections"))
        let (bad, _) = try await http(base.appendingPathComponent("metrics"), headers: ["Authorization": "Bearer nope"])
        #expect(bad == 401)
    }

    @Test func sessionWithoutTokenIsRefusedAtInitializeAndInitializeTokenWorks() async throws {
        let (server, base) = try await serve()
        defer { server.terminate() }
        let anon = WebSocketConnection(url: "ws://\(base.host!):\(base.port!)/rpc")
        try await anon.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        #expect(try await anon.receive()?["error"]?["code"] == -32010)
        try await anon.send(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"1.0","token":"\#(Self.token)"}}"#)
        #expect(try await anon.receive()?["result"]?["principal"] == "local")
        await anon.close()
    }

    @Test func invalidTokenRefusesTheUpgrade() async throws {
        let (server, base) = try await serve()
        defer { server.terminate() }
        let bad = WebSocketConnection(url: "ws://\(base.host!):\(base.port!)/rpc?token=wrong")
        try await bad.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        #expect(try await bad.receive() == nil)
        await bad.close()
        // The refusal is 401 (the spec's status), not Hummingbird's generic 400.
        let raw = try RawHTTPSocket(port: base.port!)
        #expect(RawHTTPSocket.status(raw.upgrade("/rpc?token=wrong")) == 401)
    }

    /// RFC 6455 §8.1: a text frame that is not valid UTF-8 fails the connection with close code 1007, instead of
    /// being passed on with replacement characters.
    @Test func textFrameWithInvalidUTF8IsClosedWith1007() async throws {
        let (server, base) = try await serve()
        defer { server.terminate() }
        let raw = try RawHTTPSocket(port: base.port!)
        #expect(RawHTTPSocket.status(raw.upgrade("/rpc?token=\(Self.token)")) == 101)
        let payload: [UInt8] = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}}"#.utf8)
        let mask: [UInt8] = [0x11, 0x22, 0x33, 0x44]
        raw.send([0x81, 0x80 | UInt8(payload.count)] + mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] })
        let frame = raw.read { $0.count >= 4 }
        try #require(frame.count >= 4, "the server sent no close frame")
        #expect(frame[0] == 0x88, "a close frame")
        #expect(Int(frame[2]) << 8 | Int(frame[3]) == 1007)
    }

    /// A message above `maxMessageBytes` is closed with 1009 (message too big), as documented.
    @Test func oversizedMessageIsClosedWith1009() async throws {
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.token], environment: ["TABLETALK_MAX_MESSAGE_BYTES": "1000"])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let raw = try RawHTTPSocket(port: url.port!)
        #expect(RawHTTPSocket.status(raw.upgrade("/rpc?token=\(Self.token)")) == 101)
        let payload = [UInt8](repeating: 0x61, count: 2000)
        raw.send([0x81, 0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF), 0, 0, 0, 0] + payload)
        let frame = raw.read { $0.count >= 4 }
        try #require(frame.count >= 4, "the server sent no close frame")
        #expect(frame[0] == 0x88, "a close frame")
        #expect(Int(frame[2]) << 8 | Int(frame[3]) == 1009)
    }

    @Test func storedTokensMapToPrincipalsAndCanBeRevoked() async throws {
        let dataDir = PackagePaths.tempDir("tt-tokens")
        let create = try ServerProcess(["token", "create", "--name", "alice", "--principal", "alice"], dataDir: dataDir)
        var token = ""
        token = await create.stdoutLines.all().last ?? ""
        _ = await create.waitForExit()
        #expect(token.hasPrefix("tt_"))
        let raw = try String(contentsOf: dataDir.appendingPathComponent("tokens.json"), encoding: .utf8)
        #expect(!raw.contains(token), "tokens are stored hashed")

        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.token], dataDir: dataDir)
        let url = try await server.servedURL()
        let ws = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc?token=\(token)")
        try await ws.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        #expect(try await ws.receive()?["result"]?["principal"] == "alice")
        await ws.close()
        server.terminate()

        let revoke = try ServerProcess(["token", "revoke", "alice"], dataDir: dataDir)
        #expect(await revoke.waitForExit() == 0)
        let list = try ServerProcess(["token", "list"], dataDir: dataDir)
        var listed = ""
        listed = await list.stdoutLines.all().joined(separator: "\n")
        #expect(listed.contains("alice") && listed.contains("revoked"))

        let again = try ServerProcess(["serve", "--port", "0", "--token", Self.token], dataDir: dataDir)
        defer { again.terminate() }
        let url2 = try await again.servedURL()
        let refused = WebSocketConnection(url: "ws://\(url2.host!):\(url2.port!)/rpc?token=\(token)")
        try await refused.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        #expect(try await refused.receive() == nil)
        await refused.close()
    }

    /// A burst on one connection, answered inline (ping) and on tasks (SQLite-backed preferences), with the client
    /// reading only after sending everything: each request gets exactly one reply, none lost in the writer queue.
    @Test func burstOnOneConnectionIsAnsweredOncePerRequest() async throws {
        let (server, base) = try await serve()
        defer { server.terminate() }
        let c = WebSocketConnection(url: "ws://\(base.host!):\(base.port!)/rpc?token=\(Self.token)")
        try await c.send(#"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        _ = try await c.receive()
        let count = 2000
        for i in 0..<count {
            let method = i % 2 == 0 ? "ping" : "history.getPreferences"
            try await c.send(#"{"jsonrpc":"2.0","id":\#(i),"method":"\#(method)"}"#)
        }
        var seen = [Int](repeating: 0, count: count)
        var answered = 0
        while answered < count, let m = try await c.receive() {
            guard case .int(let n)? = m["id"], let i = Int(exactly: n), i >= 0, i < count else { continue }
            #expect(m["result"] != nil || m["error"] != nil)
            seen[i] += 1
            answered += 1
        }
        #expect(seen.allSatisfy { $0 == 1 })
        await c.close()
    }

    @Test func manyClientsAtOnceAndOneMisbehavingClientAffectsNoOne() async throws {
        let (server, base) = try await serve()
        defer { server.terminate() }
        let url = "ws://\(base.host!):\(base.port!)/rpc?token=\(Self.token)"
        // A client that sends an oversized message is closed; the others go on.
        let rogue = WebSocketConnection(url: url)
        try await rogue.send(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 17 << 20) + #""}}"#)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask {
                    let c = WebSocketConnection(url: url)
                    try await c.send(#"{"jsonrpc":"2.0","id":\#(i),"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
                    _ = try await c.receive()
                    for j in 0..<10 { try await c.send(#"{"jsonrpc":"2.0","id":"p\#(j)","method":"ping"}"#) }
                    var n = 0
                    while n < 10, let m = try await c.receive() { if m["result"] != nil { n += 1 } }
                    #expect(n == 10)
                    await c.close()
                }
            }
            try await group.waitForAll()
        }
        #expect(try await rogue.receive() == nil, "the oversized client was closed")
        await rogue.close()
    }
}
