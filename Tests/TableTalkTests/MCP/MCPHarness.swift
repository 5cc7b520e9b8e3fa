import Foundation
import MCP
import Synchronization
import TableTalkApp
import TableTalkMCP
import TableTalkTestSupport

/// A real runtime (SQLite in a temp data dir) with the MCP face's tools and resources on one broker session,
/// and the shop fixture in an allowed import directory.
struct MCPHarness {
    let runtime: TableTalkRuntime
    let channel: BrokerChannel
    let tools: TableTalkTools
    let resources: TableResources
    let importDir: URL
    /// How many times the tools said the table list changed.
    let changes = Counter()

    static let shopCSV = PackagePaths.root.appendingPathComponent("Tests/TableTalkRulesTests/Fixtures/csv/shop.csv")

    init() async throws {
        let root = PackagePaths.tempDir("tt-mcp")
        importDir = root.appendingPathComponent("imports")
        try FileManager.default.createDirectory(at: importDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.shopCSV, to: importDir.appendingPathComponent("shop.csv"))
        let dir = importDir.path
        runtime = try TestRuntime.make(dataDir: root.appendingPathComponent("data")) { $0.importDirs = [dir] }
        channel = BrokerChannel(broker: runtime.broker)
        try await channel.open(clientName: "mcp-test")
        let changes = self.changes
        tools = TableTalkTools(channel: channel) { changes.add() }
        resources = TableResources(channel: channel)
    }

    /// Imports the shop fixture as table `shop` through the `import_csv` tool.
    @discardableResult
    func importShop(progress: ProgressReporter? = nil) async throws -> CallTool.Result {
        try await tools.call(
            "import_csv", arguments: ["path": .string(importDir.appendingPathComponent("shop.csv").path), "table": "shop"],
            progress: progress)
    }

    /// Another client of the same broker (as the browser would be).
    func otherClient() async throws -> TestClient {
        try await TestClient.initialized(broker: runtime.broker)
    }
}

extension CallTool.Result {
    /// The structured content's member `key`.
    subscript(key: String) -> Value? { structuredContent?.objectValue?[key] }

    /// The text contents, joined.
    var text: String {
        content.compactMap { if case .text(let t, _, _) = $0 { t } else { nil } }.joined(separator: "\n")
    }
}

/// Collects the progress notifications a ``ProgressReporter`` sends.
final class ProgressLog: Sendable {
    private let log = Mutex<[ProgressNotification.Parameters]>([])
    var values: [ProgressNotification.Parameters] { log.withLock { $0 } }
    var reporter: ProgressReporter {
        ProgressReporter(token: .string("t1")) { p in self.log.withLock { $0.append(p) } }
    }
}

/// A thread-safe count.
final class Counter: Sendable {
    private let n = Mutex(0)
    var value: Int { n.withLock { $0 } }
    func add() { n.withLock { $0 += 1 } }
}
