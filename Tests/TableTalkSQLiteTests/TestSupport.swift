import Foundation
import TableTalkCore
@testable import TableTalkSQLite

/// A fresh temporary directory per test, removed when the value is released.
final class TempDir: @unchecked Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tt-sqlite-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` inside the directory.
    func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let f = url.appendingPathComponent(name)
        try Data(bytes).write(to: f)
        return f
    }

    func file(_ name: String, _ text: String) throws -> URL { try file(name, Array(text.utf8)) }
}

/// The CSV corpus in `Tests/Fixtures/csv/` (shared by every test target; read in place).
enum Fixtures {
    static var csvDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/csv")
    }
}

/// An ingestor + engine pair over one temporary data directory.
struct Workbench {
    let dir = TempDir()
    var ingestor: SQLiteIngestor
    var engine: SQLiteEngine
    var store: LocalObjectStore

    init(configuration: SQLiteConfiguration = SQLiteConfiguration()) {
        store = LocalObjectStore(root: dir.url.appendingPathComponent("objects"))
        ingestor = SQLiteIngestor(dataDirectory: dir.url, objectStore: store, configuration: configuration)
        engine = SQLiteEngine(dataDirectory: dir.url, objectStore: store, configuration: configuration)
    }

    @discardableResult
    func ingest(_ text: String, table: String = "t", principal: Principal = .local) async throws -> IngestReport {
        let f = try dir.file("\(UUID().uuidString).csv", text)
        return try await ingestor.ingest(file: f, table: table, sourceName: "\(table).csv", for: principal) { _ in }
    }

    func rows(_ sql: String, principal: Principal = .local) async throws -> [[CellValue]] {
        try await engine.run(sql, for: principal, options: QueryOptions(), cancellation: nil).rows
    }
}
