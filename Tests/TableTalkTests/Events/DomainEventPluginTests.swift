import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// Domain events (`events.publish`) reach the external plugins that asked for them, carry their owner, never block a
/// request; proxied requests tell the plugin who asks (`params._meta`). Fixture: Tests/webhooks/events_plugin.py.
@Suite(.serialized) struct DomainEventPluginTests {
    @Test func uploadDropChatAndAlertEventsReachTheSubscribedPluginOnly() async throws {
        let h = try await EventsHarness(plugins: [
            EventsHarness.fixture("ev", events: ["upload.*", "table.dropped", "chat.answered", "monitoring.alert"]),
            EventsHarness.fixture("quiet", events: []),
        ])
        defer { h.stop() }
        let alice = try await h.client(Principal("alice"))
        let imported = try await alice.callRaw(method: "upload.importFile", params: ["path": .string(try h.csv("orders.csv")), "table": "orders"])
        #expect(imported["result"]?["table"]?["name"] == "orders")
        let bad = try await alice.callRaw(method: "upload.importFile", params: ["path": .string(try h.csv("bad.csv", "a,b\n1,\"open\n")), "table": "bad"])
        #expect(bad["error"] != nil)
        let session = try await alice.callRaw(method: "chat.start")
        let sessionId = try #require(session["result"]?["sessionId"])
        let answer = try await alice.callRaw(method: "chat.send", params: ["sessionId": sessionId, "text": "how many orders are there"])
        #expect(answer["result"] != nil)
        #expect(try await alice.callRaw(method: "query.dropTable", params: ["table": "orders"])["result"]?["dropped"] == true)

        let events = try await h.received(alice) { $0.count >= 4 }
        let names = events.compactMap { $0["event"]?.stringValue }
        #expect(names == ["upload.ready", "upload.failed", "chat.answered", "table.dropped"])
        for e in events {
            #expect(e["principal"] == "alice")
            #expect(e["id"]?.stringValue?.hasPrefix("evt_") == true)
            #expect(e["time"]?.stringValue?.contains("T") == true)
        }
        let ready = events[0]["data"]
        #expect(ready?["table"] == "orders" && ready?["rowCount"] == 2 && ready?["columns"] == ["name", "qty"])
        #expect(events[1]["data"]?["message"]?.stringValue?.isEmpty == false)
        let chat = events[2]["data"]
        #expect(chat?["question"] == "how many orders are there")
        #expect(chat?["interpretation"]?.stringValue?.isEmpty == false)
        #expect(chat?["sql"]?.stringValue?.contains("orders") == true)
        #expect(chat?["rows"] == nil && chat?["result"] == nil, "chat.answered carries no result rows")
        #expect(events[3]["data"]?["table"] == "orders")

        // An alert has no owner: errors on query.describe fire errorRate.
        for _ in 0..<30 { _ = try await alice.callRaw(method: "query.describe", params: ["table": "nope"]) }
        let withAlert = try await h.received(alice) { $0.contains { $0["event"] == "monitoring.alert" } }
        let alert = try #require(withAlert.first { $0["event"] == "monitoring.alert" })
        #expect(alert["principal"] == .null)
        #expect(alert["data"]?["rule"] == "errorRate")

        // The plugin that asked for nothing got nothing.
        #expect(try await h.received(alice, namespace: "quiet") { _ in true }.isEmpty)
        let counts = h.runtime.broker.hub.events.counts
        #expect(counts["ev"]?.dropped == 0 && counts["ev"]?.delivered ?? 0 >= 5)
        #expect(counts["quiet"].map { [$0.delivered, $0.dropped, $0.queued] } == [0, 0, 0])
    }

    @Test func proxiedRequestsSayWhoAsksAndAClientCannotPretend() async throws {
        let h = try await EventsHarness(plugins: [EventsHarness.fixture("ev", events: [])])
        defer { h.stop() }
        let bob = try await h.client(Principal("bob"))
        let who = try await bob.callRaw(method: "ev.whoami", params: ["_meta": ["principal": "alice"]])
        #expect(who["result"]?["principal"] == "bob")
        #expect(who["result"]?["connection"]?.stringValue?.isEmpty == false)
        #expect(try await bob.callRaw(method: "ev.whoami")["result"]?["principal"] == "bob")
    }

    @Test func aPluginNotificationForOnePrincipalReachesOnlyThatPrincipal() async throws {
        let h = try await EventsHarness(plugins: [EventsHarness.fixture("ev", events: [])])
        defer { h.stop() }
        let alice = try await h.client(Principal("alice"))
        let bob = try await h.client(Principal("bob"))
        #expect(try await alice.callRaw(method: "ev.tell", params: ["text": "for alice"])["result"]?["told"] == "alice")
        let note = try await alice.sink.first { $0["method"] == "ev.told" }
        #expect(note["params"]?["text"] == "for alice")
        #expect(note["params"]?["_meta"] == nil, "the routing field is not forwarded")
        // bob's connection is answered after the notification would have reached it; it never did.
        #expect(try await bob.callRaw(method: "ev.tell", params: ["text": "for bob"])["result"]?["told"] == "bob")
        let bobs = await bob.sink.messages.filter { $0["method"] == "ev.told" }
        #expect(bobs.map { $0["params"]?["text"] } == ["for bob"])
    }

    /// A plugin that stops reading its stdin: publishing stays instant, requests keep their speed, its queue is
    /// bounded and drops its oldest events (counted).
    @Test func aPluginThatStopsReadingCostsPublishersAndRequestsNothing() async throws {
        let h = try await EventsHarness(plugins: [EventsHarness.fixture("ev", events: ["*"], stall: true)])
        defer { h.stop() }
        let client = try await h.client()
        let events = h.runtime.broker.hub.events
        let payload = ["text": String(repeating: "x", count: 2000)]
        let clock = ContinuousClock()
        let took = clock.measure {
            for i in 0..<20_000 { events.publish("table.dropped", principal: .local, data: ["n": String(i)].merging(payload) { a, _ in a }) }
        }
        #expect(took < .seconds(5), "publishing 20000 events took \(took)")
        var slowest = Duration.zero
        for i in 0..<50 {
            let t = try await clock.measure { _ = try await client.callRaw(method: "ping", params: ["i": .int(Int64(i))]) }
            slowest = max(slowest, t)
        }
        #expect(slowest < .milliseconds(200), "a ping took \(slowest) while the plugin was stalled")
        let c = try #require(events.counts["ev"])
        #expect(c.dropped >= 20_000 - DomainEvents.defaultCapacity - 100)
        #expect(c.queued <= DomainEvents.defaultCapacity)
    }
}
