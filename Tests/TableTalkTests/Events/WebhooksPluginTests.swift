import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The C webhooks plugin (Plugins/Webhooks) behind the gateway: requests reach it with the asking principal, and the
/// gateway stays up and answers in bounded time when the plugin is killed or hangs; its subscriptions survive.
@Suite(.serialized) struct WebhooksPluginTests {
    static func plugin(_ dir: URL, requestTimeout: Double = 5) -> ExternalPluginConfiguration {
        ExternalPluginConfiguration(
            namespace: "webhooks", command: [EventsHarness.webhooksBinary, "--data-dir", dir.path], startTimeoutSeconds: 5,
            requestTimeoutSeconds: requestTimeout)
    }

    /// The plugin process, found by its unique data directory among its arguments.
    static func pid(of dir: URL) throws -> pid_t {
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
            guard let pid = pid_t(entry),
                let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { continue }
            let args = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if args.first?.hasSuffix("tabletalk-webhooks") == true, args.contains(dir.path) { return pid }
        }
        throw PluginNotFound()
    }
    struct PluginNotFound: Error {}

    @Test func subscriptionsArePerPrincipalAndSurviveAKilledPlugin() async throws {
        let dir = PackagePaths.tempDir("tt-webhooks")
        let h = try await EventsHarness(plugins: [Self.plugin(dir)])
        defer { h.stop() }
        let alice = try await h.client(Principal("alice"))
        let bob = try await h.client(Principal("bob"))
        let sub = try await alice.callRaw(
            method: "webhooks.subscribe", params: ["url": "http://127.0.0.1:9/hook", "events": ["upload.ready"]])
        let id = try #require(sub["result"]?["id"]?.stringValue)
        #expect(sub["result"]?["secret"]?.stringValue?.hasPrefix("whsec_") == true)
        #expect(try await bob.callRaw(method: "webhooks.list")["result"]?["subscriptions"] == [])
        let refused = try await bob.callRaw(method: "webhooks.unsubscribe", params: ["id": .string(id)])
        #expect(refused["error"]?["code"] == -32602)

        kill(try Self.pid(of: dir), SIGKILL)
        let plugin = try #require(h.runtime.broker.externalPlugins.first)
        let deadline = ContinuousClock.now + .seconds(5)
        while plugin.isAlive && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!plugin.isAlive)
        #expect(try await alice.callRaw(method: "ping")["result"] == .object([:]))
        // The next request restarts it; the subscription was on disk.
        let listed = try await alice.callRaw(method: "webhooks.list")
        #expect(listed["result"]?["subscriptions"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
        #expect(plugin.launches == 2)
    }

    @Test func aStoppedPluginTimesOutWithoutStoppingTheGateway() async throws {
        let dir = PackagePaths.tempDir("tt-webhooks")
        let h = try await EventsHarness(plugins: [Self.plugin(dir, requestTimeout: 1)])
        defer { h.stop() }
        let client = try await h.client()
        #expect(try await client.callRaw(method: "webhooks.list")["result"] != nil)
        let pid = try Self.pid(of: dir)
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        let clock = ContinuousClock()
        var reply: JSONValue = .null
        let took = try await clock.measure { reply = try await client.callRaw(method: "webhooks.list") }
        #expect(reply["error"]?["code"] == -32020)
        #expect(reply["error"]?["data"]?["reason"] == "timeout")
        #expect(took < .seconds(3))
        // Events for it wait in its bounded queue; requests elsewhere are not slowed.
        for i in 0..<2000 { h.runtime.broker.hub.events.publish("upload.ready", principal: .local, data: ["n": i]) }
        let ping = try await clock.measure { _ = try await client.callRaw(method: "ping") }
        #expect(ping < .milliseconds(200))
        kill(pid, SIGCONT)
        #expect(try await client.callRaw(method: "webhooks.list")["result"] != nil)
    }
}
