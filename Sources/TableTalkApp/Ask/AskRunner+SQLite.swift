import Foundation
public import TableTalkCore
import TableTalkSQLite

extension AskRunner {
    /// A runner over SQLite adapters in a new temporary directory (for `ask --csv`): nothing is kept after
    /// ``removeWorkspace()``, and the user's files are only read.
    public static func temporary(
        principal: Principal = .local, options: QueryOptions = QueryOptions(maxRows: 10_000),
        translator: (any QuestionTranslator)? = nil
    ) throws -> AskRunner {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tabletalk-ask-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = SQLiteConfiguration(rawFiles: .none, resultCacheEntries: 0)
        return AskRunner(
            ingestor: SQLiteIngestor(dataDirectory: dir, configuration: config),
            engine: SQLiteEngine(dataDirectory: dir, configuration: config), translator: translator, principal: principal,
            options: options,
            workspace: dir, copiesFiles: false)  // this ingestor keeps no raw files: the user's file is only read
    }
}
