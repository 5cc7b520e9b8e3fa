import Foundation
import Logging
import TableTalkBroker
import TableTalkChat
import TableTalkCore
import TableTalkHistory
import TableTalkProtocol
import TableTalkSQLite
import TableTalkTestSupport

/// A broker with only the chat and history capabilities, over the given ports and a scripted translator.
/// "Restarting" builds a new harness over the same adapters (and data directory).
struct ChatHarness {
    let broker: Broker
    let translator: ChatScriptedTranslator
    let adapters: ChatAdapters

    init(adapters: ChatAdapters, limits: ChatLimits = .init()) {
        self.adapters = adapters
        translator = ChatScriptedTranslator()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        broker = Broker(
            capabilities: [
                ChatCapability(translator: translator, engine: adapters.engine, history: adapters.history, limits: limits),
                HistoryCapability(store: adapters.history),
            ],
            logger: logger)
    }

    /// A fresh data directory with the `staff` table loaded for `principals`.
    static func make(principals: [Principal] = [.local], limits: ChatLimits = .init()) async throws -> ChatHarness {
        ChatHarness(adapters: try await ChatAdapters.make(principals: principals), limits: limits)
    }

    /// The same data, as a new process would see it.
    func restarted() async throws -> ChatHarness {
        ChatHarness(adapters: try await adapters.reopened())
    }

    func client(_ principal: Principal = .local) async throws -> TestClient {
        try await TestClient.initialized(broker: broker, principal: principal)
    }

    /// Rows of the `feedback` table of a principal's `history.sqlite` as `messageId|rating|comment`, read by
    /// another process (python3's sqlite3), to check what really reached the disk.
    func storedFeedback(_ principal: Principal = .local) async throws -> [String] {
        let path = SQLiteLayout(dataDirectory: adapters.dataDir).historyDatabase(for: principal).path
        let script = """
            import sqlite3, sys
            for r in sqlite3.connect(sys.argv[1]).execute("SELECT message_id, rating, comment FROM feedback ORDER BY 1"):
                print("|".join("" if v is None else str(v) for v in r))
            """
        let p = try await ChildProcess.run(["python3", "-c", script, path])
        return p.text.split(separator: "\n").map(String.init)
    }
}

/// The engine and history store under test, and where they keep their files.
struct ChatAdapters: Sendable {
    let dataDir: URL
    let engine: any SQLEngine
    let history: any HistoryStore

    static let staffCSV = """
        name,department,office,salary
        Ann,Sales,Berlin,50000
        Bob,Sales,Paris,54000
        Cid,IT,Berlin,60000
        Dee,IT,Berlin,62000
        Eve,HR,Paris,45000

        """

    static func make(principals: [Principal]) async throws -> ChatAdapters {
        let dir = PackagePaths.tempDir("tt-chat")
        let csv = dir.appendingPathComponent("staff.csv")
        try staffCSV.write(to: csv, atomically: true, encoding: .utf8)
        let ingestor = SQLiteIngestor(dataDirectory: dir)
        for p in principals {
            _ = try await ingestor.ingest(file: csv, table: "staff", sourceName: "staff.csv", for: p) { _ in }
        }
        return ChatAdapters(dataDir: dir, engine: SQLiteEngine(dataDirectory: dir), history: SQLiteHistoryStore(dataDirectory: dir))
    }

    /// New adapter instances over the same files.
    func reopened() async throws -> ChatAdapters {
        ChatAdapters(
            dataDir: dataDir, engine: SQLiteEngine(dataDirectory: dataDir), history: SQLiteHistoryStore(dataDirectory: dataDir))
    }
}

extension TestClient {
    /// Starts a chat session and returns its id.
    func startChat(_ title: String? = nil) async throws -> String {
        try await call(ChatStartRequest(title: title)).sessionId
    }

    /// The JSON-RPC error code of a call, or nil when it succeeded.
    func errorCode<R: RPCRequest>(_ request: R) async throws -> Int? {
        let reply = try await callRaw(method: R.method, params: try JSONValue(encoding: request))
        return reply["error"]?["code"]?.intValue.map { Int($0) }
    }

    /// The `chat.status` states sent for one answer, in order.
    func statusStates(messageId: String) async -> [String] {
        await sink.notifications(ChatStatusNotification.method)
            .filter { $0["params"]?["messageId"]?.stringValue == messageId }
            .compactMap { $0["params"]?["state"]?.stringValue }
    }
}
