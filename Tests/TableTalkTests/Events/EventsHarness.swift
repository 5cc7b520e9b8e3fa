import Foundation
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// A runtime (real SQLite, rules translator) with external plugins, for the domain-event tests: the Python fixture
/// `Tests/webhooks/events_plugin.py` or the C webhooks plugin.
struct EventsHarness {
    let runtime: TableTalkRuntime
    let dataDir: URL
    let importDir: URL

    static let fixture = PackagePaths.root.appendingPathComponent("Tests/webhooks/events_plugin.py").path
    /// The webhooks plugin built beside `tabletalk`.
    static var webhooksBinary: String {
        PackagePaths.tabletalk.deletingLastPathComponent().appendingPathComponent("tabletalk-webhooks").path
    }

    /// The fixture as namespace `namespace`, asking for `events` (none: it subscribes to nothing).
    static func fixture(_ namespace: String, events: [String], stall: Bool = false) -> ExternalPluginConfiguration {
        var command = ["python3", fixture, "--namespace", namespace]
        if !events.isEmpty { command += ["--events", events.joined(separator: ",")] }
        if stall { command.append("--stall") }
        return ExternalPluginConfiguration(namespace: namespace, command: command, requestTimeoutSeconds: 5)
    }

    init(plugins: [ExternalPluginConfiguration]) async throws {
        dataDir = PackagePaths.tempDir("tt-events")
        importDir = dataDir.appendingPathComponent("imports")
        try FileManager.default.createDirectory(at: importDir, withIntermediateDirectories: true)
        let importPath = importDir.path
        runtime = try TestRuntime.make(dataDir: dataDir.appendingPathComponent("data")) { config in
            config.plugins = plugins
            config.importDirs = [importPath]
        }
        await runtime.broker.startPlugins()
        for p in runtime.broker.externalPlugins { _ = await p.waitUntilStarted() }
    }

    func stop() {
        runtime.broker.stopPlugins()
        try? FileManager.default.removeItem(at: dataDir)
    }

    func client(_ principal: Principal = .local) async throws -> TestClient {
        try await TestClient.initialized(broker: runtime.broker, principal: principal)
    }

    /// Writes a small CSV into the import directory and returns its path.
    func csv(_ name: String, _ text: String = "name,qty\nAda,3\nBo,4\n") throws -> String {
        let url = importDir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The fixture's received `events.publish` params, polled until `until` holds (at most 10 s).
    func received(_ client: TestClient, namespace: String = "ev", until: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let reply = try await client.callRaw(method: "\(namespace).events")
            let events = reply["result"]?["events"]?.arrayValue ?? []
            if until(events) || ContinuousClock.now > deadline { return events }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
