import Foundation
import Synchronization
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
    static func plugin(_ dir: URL, requestTimeout: Double = 5, options: [String] = []) -> ExternalPluginConfiguration {
        ExternalPluginConfiguration(
            namespace: "webhooks", command: [EventsHarness.webhooksBinary, "--data-dir", dir.path] + options,
            startTimeoutSeconds: 5, requestTimeoutSeconds: requestTimeout)
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

    /// sns:/sqs: subscriptions: the plugin hands each delivery to the gateway (`events.deliver`), whose target sink (the
    /// AWS adapter in production, a recording one here) sends it; a failure is retried by the plugin, in order.
    @Test func awsTargetsAreDeliveredByTheGatewaysSinkWithRetries() async throws {
        let dir = PackagePaths.tempDir("tt-webhooks")
        let h = try await EventsHarness(plugins: [Self.plugin(dir, options: ["--aws-targets"])])
        defer { h.stop() }
        let sink = RecordingTargetSink(failFirst: 1)
        h.runtime.broker.hub.events.setTargetSink(sink)
        let client = try await h.client(Principal("alice"))
        let queue = "sqs:http://127.0.0.1:5000/123456789012/events"
        let sub = try await client.callRaw(method: "webhooks.subscribe", params: ["url": .string(queue), "events": ["table.dropped"]])
        #expect(sub["result"]?["id"] != nil)
        for n in 0..<3 { h.runtime.broker.hub.events.publish("table.dropped", principal: Principal("alice"), data: ["n": n]) }
        let deadline = ContinuousClock.now + .seconds(15)
        while sink.delivered.count < 3 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let got = sink.delivered
        #expect(got.map(\.target) == [queue, queue, queue])
        #expect(got.compactMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.body.utf8))["data"]?["n"]?.intValue } == [0, 1, 2])
        #expect(sink.calls == 4, "the refused first call was tried again")
        let note = try await client.sink.first { $0["method"] == "webhooks.delivery" && $0["params"]?["status"] == "retrying" }
        #expect(note["params"]?["error"]?.stringValue?.contains("throttled") == true)
    }
}

/// An ``EventTargetSink`` that records what it was given and refuses its first `failFirst` calls.
final class RecordingTargetSink: EventTargetSink, Sendable {
    struct Delivery: Sendable {
        let target: String
        let body: String
    }
    private let state: Mutex<(calls: Int, delivered: [Delivery])> = Mutex((0, []))
    let failFirst: Int

    init(failFirst: Int) { self.failFirst = failFirst }

    var delivered: [Delivery] { state.withLock { $0.delivered } }
    var calls: Int { state.withLock { $0.calls } }

    func deliver(target: String, event: String, deliveryID: String, body: String) async throws -> String {
        let ok = state.withLock { s -> Bool in
            s.calls += 1
            guard s.calls > failFirst else { return false }
            s.delivered.append(Delivery(target: target, body: body))
            return true
        }
        guard ok else { throw TableTalkError(.internalFailure, "throttled") }
        return "m-\(deliveryID)"
    }
}
