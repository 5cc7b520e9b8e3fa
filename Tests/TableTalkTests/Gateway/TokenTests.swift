import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import TableTalkApp
import TableTalkCore
import TableTalkProtocol

/// Tokens of `serve`: changes made by `tabletalk token` reach a running server at once, the empty token is never
/// valid, comparisons do not stop at the first differing byte, wrong tokens are throttled, and an invalid token at
/// the WebSocket upgrade gets 401.
@Suite(.serialized) struct TokenTests {
    static let fixed = "token-tests-fixed-token"

    /// Runs `tabletalk <args>` over `dataDir` and returns its stdout lines and exit status.
    static func cli(_ args: [String], dataDir: URL, environment: [String: String] = [:]) async throws -> (lines: [String], status: Int32, stderr: String) {
        let p = try ServerProcess(args, dataDir: dataDir, environment: environment)
        // Bounded: a command that keeps running (a `serve` that should have refused to start) is stopped.
        for _ in 0..<200 where p.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        let stillRunning = p.process.isRunning
        p.terminate()
        let lines = await p.stdoutLines.all()
        let status = await p.waitForExit()
        // stderr is read on its own thread: give it a moment to catch up with the exit.
        for _ in 0..<40 where p.stderr.isEmpty && status != 0 { try await Task.sleep(for: .milliseconds(50)) }
        return (lines, stillRunning ? -1 : status, p.stderr)
    }

    static func status(_ url: URL, bearer: String? = nil) async throws -> HTTPURLResponse {
        var request = URLRequest(url: url)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return try #require(response as? HTTPURLResponse)
    }

    /// One store reads the file once; a second one (the CLI) creates and revokes: the first sees both at once.
    @Test func storeSeesTokensCreatedAndRevokedByAnotherProcess() throws {
        let dir = PackagePaths.tempDir("tt-tok")
        let server = TokenStore(dataDir: dir)
        let cli = TokenStore(dataDir: dir)
        _ = try cli.create(name: "first", principal: Principal("p1"))
        #expect(try server.list().count == 1)  // cached from here on in the old store
        let (token, _) = try cli.create(name: "alice", principal: Principal("alice"))
        #expect(server.authenticate(token) == Principal("alice"))
        try cli.revoke("alice")
        #expect(server.authenticate(token) == nil)
        #expect(try server.list().first { $0.name == "alice" }?.revokedAt != nil)
    }

    @Test func emptyAndBlankTokensAreNeverValid() throws {
        let store = TokenStore(dataDir: PackagePaths.tempDir("tt-tok"))
        #expect(throws: InvalidTokenError.self) { try store.registerEphemeral("", principal: .local) }
        #expect(throws: InvalidTokenError.self) { try store.registerEphemeral("a b", principal: .local) }
        #expect(throws: InvalidTokenError.self) { try store.registerEphemeral("tab\there", principal: .local) }
        #expect(store.authenticate("") == nil)
        let ok = try store.registerEphemeral("fine-token", principal: .local)
        #expect(store.authenticate(ok) == .local)
        #expect(store.authenticate("fine-toke") == nil && store.authenticate("fine-token ") == nil)
    }

    @Test func serveRefusesAnEmptyTokenFlag() async throws {
        let r = try await Self.cli(["serve", "--port", "0", "--token", ""], dataDir: PackagePaths.tempDir("tt-tok"))
        #expect(r.status != 0)
        #expect(r.stderr.contains("must not be empty"))
    }

    @Test func serveRefusesAnEmptyTokenEnvironmentVariable() async throws {
        let r = try await Self.cli(["serve", "--port", "0"], dataDir: PackagePaths.tempDir("tt-tok"), environment: ["TABLETALK_TOKEN": ""])
        #expect(r.status != 0)
        #expect(r.stderr.contains("must not be empty"))
    }

    @Test func digestComparisonLooksAtEveryByte() {
        let a: [UInt8] = Array(repeating: 7, count: 32)
        var last = a
        last[31] ^= 1
        var first = a
        first[0] ^= 0x80
        #expect(TokenStore.constantTimeEqual(a, a))
        #expect(!TokenStore.constantTimeEqual(a, last))
        #expect(!TokenStore.constantTimeEqual(a, first))
        #expect(!TokenStore.constantTimeEqual(a, Array(a.prefix(31))))
    }

    /// The real thing: `serve` keeps running while `tabletalk token create` and `revoke` change the file.
    @Test func runningServerAcceptsNewTokensAndRefusesRevokedOnesWithoutRestart() async throws {
        let dataDir = PackagePaths.tempDir("tt-tok")
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.fixed], dataDir: dataDir)
        defer { server.terminate() }
        let url = try await server.servedURL()
        let metrics = URL(string: "http://\(url.host!):\(url.port!)/metrics")!
        #expect(try await Self.status(metrics, bearer: Self.fixed).statusCode == 200)

        let created = try await Self.cli(["token", "create", "--name", "bob", "--principal", "bob"], dataDir: dataDir)
        let token = try #require(created.lines.last)
        #expect(try await Self.status(metrics, bearer: token).statusCode == 200, "a new token works at once")
        let ws = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc?token=\(token)")
        try await ws.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#)
        #expect(try await ws.receive()?["result"]?["principal"] == "bob")
        await ws.close()

        // A connection opened with the token before it is revoked (its token given at `initialize`).
        let open = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc")
        try await open.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0","token":"\#(token)"}}"#)
        #expect(try await open.receive()?["result"]?["principal"] == "bob")

        #expect(try await Self.cli(["token", "revoke", "bob"], dataDir: dataDir).status == 0)
        #expect(try await Self.status(metrics, bearer: token).statusCode == 401, "a revoked token is refused at once")
        let socket = try RawHTTPSocket(port: url.port!)
        #expect(RawHTTPSocket.status(socket.upgrade("/rpc?token=\(token)")) == 401)
        // The open connection is closed at its next message once the recheck interval (1 s) has passed.
        try await Task.sleep(for: .milliseconds(1100))
        try await open.send(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#)
        #expect(try await open.receive() == nil, "an open connection stops working once its token is revoked")
        await open.close()
    }

    @Test func emptyTokenInTheURLIsRefused() async throws {
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.fixed])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let (_, response) = try await URLSession.shared.data(from: URL(string: "http://\(url.host!):\(url.port!)/metrics?token=")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 401)
        let socket = try RawHTTPSocket(port: url.port!)
        #expect(RawHTTPSocket.status(socket.upgrade("/rpc?token=")) == 401)
    }

    @Test func invalidTokenAtTheUpgradeGets401AndAWrongPathStays400Or404() async throws {
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.fixed])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let bad = try RawHTTPSocket(port: url.port!)
        let head = bad.upgrade("/rpc?token=wrong")
        #expect(RawHTTPSocket.status(head) == 401)
        #expect(head.lowercased().contains("www-authenticate: bearer"))
        let good = try RawHTTPSocket(port: url.port!)
        #expect(RawHTTPSocket.status(good.upgrade("/rpc?token=\(Self.fixed)")) == 101)
        let elsewhere = try RawHTTPSocket(port: url.port!)
        #expect(RawHTTPSocket.status(elsewhere.upgrade("/nowhere?token=wrong")) != 401)
    }

    /// Ten wrong tokens from one address within a minute: the eleventh check is refused with 429 (valid token or
    /// not, HTTP or WebSocket), while public endpoints still answer.
    @Test func repeatedWrongTokensAreThrottled() async throws {
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.fixed])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let base = "http://\(url.host!):\(url.port!)"
        for i in 0..<10 {
            #expect(try await Self.status(URL(string: base + "/metrics")!, bearer: "guess-\(i)").statusCode == 401)
        }
        let throttled = try await Self.status(URL(string: base + "/metrics")!, bearer: "guess-10")
        #expect(throttled.statusCode == 429)
        #expect(throttled.value(forHTTPHeaderField: "Retry-After") != nil)
        #expect(try await Self.status(URL(string: base + "/metrics")!, bearer: Self.fixed).statusCode == 429)
        let socket = try RawHTTPSocket(port: url.port!)
        #expect(RawHTTPSocket.status(socket.upgrade("/rpc?token=guess-11")) == 429)
        // A connection without a token in the URL is still throttled at `initialize`.
        let ws = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc")
        try await ws.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0","token":"\#(Self.fixed)"}}"#)
        #expect(try await ws.receive()?["error"]?["code"] == -32010)
        await ws.close()
        #expect(try await Self.status(URL(string: base + "/healthz")!).statusCode == 200)
    }
}
