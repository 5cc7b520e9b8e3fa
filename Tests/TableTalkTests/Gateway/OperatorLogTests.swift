import Foundation
import Logging
import Synchronization
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkMonitoring
import TableTalkProtocol
import TableTalkTestSupport

/// Lines an ``OperatorLogHandler`` wrote, for the operator-log tests.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }

    func logger(_ format: LogFormat = .json) -> Logger {
        Logger(label: "tabletalk") { label in OperatorLogHandler(label: label, format: format, level: .info, write: self.append) }
    }

    /// The JSON objects of lines whose `event` is `event`.
    func events(_ event: String) -> [JSONValue] {
        all.compactMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }.filter { $0["event"] == .string(event) }
    }

    /// Waits (bounded) until a line with `event` appears.
    func wait(for event: String, timeout: Duration = .seconds(20)) async -> [JSONValue] {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            let found = events(event)
            if !found.isEmpty { return found }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return []
    }
}

/// The operator log: one structured line per failed request, upload, plugin start or failure and alert change,
/// in JSON or `key=value`, never with params, data or tokens.
@Suite struct OperatorLogTests {
    static func broker(_ lines: LogLines, format: LogFormat = .json) -> Broker {
        let hub = ConnectionHub()
        let monitoring = MonitoringCapability(hub: hub, version: "test", log: OperatorLog(logger: lines.logger(format)))
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        return Broker(capabilities: [monitoring], hub: hub, logger: quiet)
    }

    @Test func failedRequestLogsOneJSONLineWithoutParams() async throws {
        let lines = LogLines()
        let client = try await TestClient.initialized(broker: Self.broker(lines), principal: Principal("alice"))
        _ = try await client.call(PingRequest())
        let reply = try await client.callRaw(method: "monitoring.stats", params: ["windowSeconds": "s3cret-param"])
        #expect(reply["error"]?["code"] == -32602)
        let failed = await lines.wait(for: "request.failed")
        #expect(failed.count == 1)
        let line = try #require(failed.first)
        #expect(line["method"] == "monitoring.stats" && line["code"] == -32602 && line["principal"] == "alice")
        #expect(line["durationMs"]?.intValue != nil && line["level"] == "notice" && line["ts"]?.stringValue != nil)
        #expect(!lines.all.joined().contains("s3cret-param"))
        #expect(lines.all.count == 1)  // the successful ping and initialize are not logged
    }

    @Test func plainFormatIsKeyValue() async throws {
        let lines = LogLines()
        let client = try await TestClient.initialized(broker: Self.broker(lines, format: .plain))
        _ = try await client.callRaw(method: "nope.nope")
        let end = ContinuousClock.now + .seconds(5)
        while lines.all.isEmpty && ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(10)) }
        let line = try #require(lines.all.first)
        #expect(line.contains(" notice tabletalk: request.failed event=request.failed "))
        #expect(line.contains("method=(unknown)") && line.contains("code=-32601") && line.contains("principal=local"))
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
    }

    @Test func uploadsAndPluginsAreLogged() async throws {
        let lines = LogLines()
        let log = OperatorLog(logger: lines.logger())
        log.requestFinished(method: "upload.finish", duration: .milliseconds(12), errorCode: nil, principal: "bob")
        log.requestFinished(method: "upload.importFile", duration: .milliseconds(3), errorCode: 1020, principal: "bob")
        log.requestFinished(method: "query.run", duration: .milliseconds(3), errorCode: nil, principal: "bob")
        log.pluginStarted(namespace: "echo", methods: 3)
        log.pluginFailed(namespace: "echo", reason: "process exited with status 1")
        let finished = try #require(lines.events("upload.finished").first)
        #expect(finished["method"] == "upload.finish" && finished["durationMs"] == 12 && finished["principal"] == "bob")
        #expect(lines.events("upload.failed").first?["code"] == 1020)
        #expect(lines.events("plugin.started").first?["methods"] == 3)
        #expect(lines.events("plugin.failed").first?["level"] == "error")
        #expect(lines.all.count == 4)
    }

    @Test func pluginThatNeverInitialisesIsLoggedAndDegradesHealth() async throws {
        let lines = LogLines()
        let hub = ConnectionHub()
        let plugin = ExternalPlugin(configuration: .init(namespace: "mute", command: ["sleep", "30"], startTimeoutSeconds: 0.3))
        let monitoring = MonitoringCapability(
            hub: hub, version: "test", checks: [PluginCheck(plugin: plugin)], log: OperatorLog(logger: lines.logger()))
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let broker = Broker(capabilities: [monitoring], externalPlugins: [plugin], hub: hub, logger: quiet)
        await broker.startPlugins()
        defer { broker.stopPlugins() }
        #expect(await lines.wait(for: "plugin.failed").first?["namespace"] == "mute")
        let client = try await TestClient.initialized(broker: broker)
        let health = try await client.call(MonitoringHealthRequest())
        #expect(health.status == "degraded")
        #expect(health.checks.first { $0.name == "plugin:mute" }?.status == "degraded")
    }

    /// A plugin that crashes while running is logged, and so is its restart (not only the first start).
    @Test func pluginCrashAndRestartAreLogged() async throws {
        let lines = LogLines()
        let hub = ConnectionHub()
        let script = PackagePaths.root.appendingPathComponent("Tests/Fixtures/plugins/hostile_plugin.py").path
        let plugin = ExternalPlugin(configuration: .init(namespace: "x", command: ["python3", script]))
        let monitoring = MonitoringCapability(hub: hub, version: "test", checks: [], log: OperatorLog(logger: lines.logger()))
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let broker = Broker(capabilities: [monitoring], externalPlugins: [plugin], hub: hub, logger: quiet)
        await broker.startPlugins()
        defer { broker.stopPlugins() }
        #expect(await lines.wait(for: "plugin.started").count == 1)
        let client = try await TestClient.initialized(broker: broker)
        _ = try? await client.callRaw(method: "x.crash")
        let failed = await lines.wait(for: "plugin.failed")
        #expect(failed.first?["namespace"] == "x")
        _ = try await client.callRaw(method: "x.echo")
        let end = ContinuousClock.now + .seconds(20)
        while lines.events("plugin.started").count < 2 && ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(20)) }
        #expect(lines.events("plugin.started").count == 2)
    }

    @Test func logFormatAndDiskThresholdAreSettings() throws {
        let dir = PackagePaths.tempDir("tt-logcfg")
        let env = ["TABLETALK_LOG_FORMAT": "json", "TABLETALK_MIN_FREE_DISK_BYTES": "12345"]
        let c = try ConfigurationLoader(environment: env).load(dataDirFlag: dir.path, configFile: nil)
        #expect(c.logFormat == "json" && c.minFreeDiskBytes == 12345)
        #expect(LogFormat(rawValue: c.logFormat) == .json)
        let d = try ConfigurationLoader(environment: [:]).load(dataDirFlag: dir.path, configFile: nil)
        #expect(d.logFormat == "plain" && d.minFreeDiskBytes == 100 << 20)
    }

    @Test func jsonLinesEscapeAndKeepNumbers() {
        let line = OperatorLogHandler.line(
            level: .warning, label: "t", message: "a \"b\"\n", metadata: ["event": "x", "n": .stringConvertible(5), "s": "5"],
            format: .json)
        let v = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
        #expect(v?["message"] == "a \"b\"\n" && v?["n"] == 5 && v?["s"] == "5" && v?["event"] == "x")
    }
}
