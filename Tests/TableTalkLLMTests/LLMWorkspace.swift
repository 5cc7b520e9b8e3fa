import Foundation
import TableTalkCore
import TableTalkLLM
import TableTalkSQLite

/// Real SQLite tables from CSV text in a temporary directory, for checking that a model's SQL runs (or is refused)
/// through the same engine and guard as every other answer.
struct LLMWorkspace {
    let directory: URL
    let engine: SQLiteEngine
    let ingestor: SQLiteIngestor

    static let salesCSV = """
        region,amount,year,customer
        West,100,2023,Ann
        East,250,2023,Bob
        West,75,2024,Cy
        North,300,2024,Dee
        """

    /// A workspace with `files` (table name → CSV text) ingested for `principal`.
    static func make(_ files: [String: String] = ["sales": salesCSV], principal: Principal = .local) async throws -> LLMWorkspace {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llm-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = SQLiteConfiguration(rawFiles: .none, resultCacheEntries: 0)
        let ws = LLMWorkspace(
            directory: dir, engine: SQLiteEngine(dataDirectory: dir, configuration: config),
            ingestor: SQLiteIngestor(dataDirectory: dir, configuration: config))
        for (table, csv) in files.sorted(by: { $0.key < $1.key }) { try await ws.add(table, csv: csv, for: principal) }
        return ws
    }

    func add(_ table: String, csv: String, for principal: Principal) async throws {
        let file = directory.appendingPathComponent("\(table).csv")
        try Data(csv.utf8).write(to: file)
        _ = try await ingestor.ingest(file: file, table: table, sourceName: "\(table).csv", for: principal) { _ in }
    }

    func context(for principal: Principal = .local) async throws -> TranslationContext {
        TranslationContext(tables: try await engine.tables(for: principal))
    }

    func run(_ sql: String, for principal: Principal = .local) async throws -> QueryResult {
        try await engine.run(sql, for: principal, options: QueryOptions(maxRows: 1000), cancellation: nil)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A translator over the fake server at `baseURL`, quick to give up.
func fakeTranslator(
    _ baseURL: String, repairs: Int = 2, share: Bool = false, timeout: Duration = .seconds(5)
) -> LLMTranslator {
    let model = OpenAIChatModel(
        configuration: OpenAIConfiguration(
            baseURL: baseURL, model: "fake-model", timeout: timeout,
            retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100))))
    return LLMTranslator(model: model, prompts: PromptBuilder(shareSampleValues: share), maxRepairTurns: repairs)
}
