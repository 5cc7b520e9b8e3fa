import Foundation
import Logging
import Testing
import TableTalkBroker
import TableTalkProtocol
import TableTalkTestSupport

/// ``ExternalPlugin`` used as a library, in this process: the host gets the same protection as `tabletalk` (a test
/// runner killed by SIGPIPE would end the whole run), restarts repeat the handshake, and start-up is observable.
@Suite(.serialized) struct PluginLibraryTests {
    static func hostile(_ options: [String] = [], requestTimeout: Double? = 2) -> ExternalPlugin {
        let script = PackagePaths.root.appendingPathComponent("Tests/Fixtures/plugins/hostile_plugin.py").path
        return ExternalPlugin(
            configuration: .init(namespace: "x", command: ["python3", script] + options, requestTimeoutSeconds: requestTimeout))
    }

    static func broker(_ plugin: ExternalPlugin) -> Broker {
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        return Broker(capabilities: [], externalPlugins: [plugin], logger: quiet)
    }

    @Test func writingToAPluginThatClosedItsStdinIsAnErrorInTheHostProcess() async throws {
        let plugin = Self.hostile()
        let broker = Self.broker(plugin)
        await broker.startPlugins()
        defer { broker.stopPlugins() }
        #expect(await plugin.waitUntilStarted())
        let client = try await TestClient.initialized(broker: broker)
        #expect(try await client.callRaw(method: "x.closeStdin")["result"]?["closing"] == true)
        try await Task.sleep(for: .milliseconds(200))
        let failed = try await client.callRaw(method: "x.echo")
        #expect(failed["error"]?["code"] == -32020)
        // Restarted with the handshake: a second process, initialized.
        let again = try await client.callRaw(method: "x.initialized")
        #expect(again["result"]?["initialized"] == true)
        #expect(plugin.launches == 2)
        #expect(plugin.isAlive)
    }

    @Test func startReturnsAtOnceAndWaitUntilStartedReportsTheOutcome() async throws {
        let slow = Self.hostile(["--start-delay", "1"])
        let broker = Self.broker(slow)
        let start = ContinuousClock.now
        await broker.startPlugins()
        defer { broker.stopPlugins() }
        #expect(ContinuousClock.now - start < .milliseconds(500))
        #expect(!slow.isAlive)
        #expect(await slow.waitUntilStarted())
        #expect(slow.methods.contains("x.echo"))

        let broken = Self.hostile(["--exit-at-start"])
        await broken.start(hub: ConnectionHub())
        #expect(await broken.waitUntilStarted() == false)
        #expect(broken.lastError == "exited with status 1")
    }

    @Test func stopEndsThePluginAndLaterRequestsSayStopped() async throws {
        let plugin = Self.hostile()
        let broker = Self.broker(plugin)
        await broker.startPlugins()
        #expect(await plugin.waitUntilStarted())
        let client = try await TestClient.initialized(broker: broker)
        let pid = try #require(try await client.callRaw(method: "x.pid")["result"]?["pid"]?.intValue)
        broker.stopPlugins()
        let after = try await client.callRaw(method: "x.echo")
        #expect(after["error"]?["code"] == -32020 && after["error"]?["data"]?["reason"] == "stopped")
        #expect(try await PluginProcessGroupTests.allGone([pid_t(pid)], within: .seconds(4)))
    }
}
