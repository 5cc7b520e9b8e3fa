import Foundation
import Synchronization
import Testing
@testable import TableTalkApp
import TableTalkCore
import TableTalkRules
import TableTalkSQLite
import TableTalkTestSupport

/// The value index is bounded per question: a build that runs out of its total budget indexes the tables it did not
/// reach from the catalog, and does not keep that answer, so a later question reads them in full.
@Suite struct ValueIndexBoundTests {
    /// A data directory with a `people` table of `count` names, loaded by the bare ingestor (so that no index was
    /// read at ingest time).
    static func people(_ count: Int) async throws -> URL {
        let dir = PackagePaths.tempDir("tt-vi")
        var text = "name\n"
        for i in 0..<count { text += "Person \(i)\n" }
        let csv = dir.appendingPathComponent("people.csv")
        try Data(text.utf8).write(to: csv)
        _ = try await SQLiteIngestor(dataDirectory: dir).ingest(
            file: csv, table: "people", sourceName: "people.csv", for: .local, progress: { _ in })
        return dir
    }

    @Test func aTableNotReachedInTheBudgetIsReadByALaterQuestion() async throws {
        let dir = try await Self.people(200)
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = SQLiteEngine(dataDirectory: dir)
        let tables = try await engine.tables(for: .local)
        var hurried = ValueIndexBuilder(engine: engine, principal: .local)
        hurried.totalBudget = .zero
        let started = ContinuousClock.now
        let first = try await hurried.build(for: tables)
        #expect(ContinuousClock.now - started < .milliseconds(500))
        #expect(first.count(in: "people") < 50)
        let second = try await ValueIndexBuilder(engine: engine, principal: .local).build(for: tables)
        #expect(second.count(in: "people") >= 200)
    }

    /// Where scans are billed (Athena), the index is the catalog's values: no query reaches the engine.
    @Test func withoutScansTheCatalogValuesAreTheIndexAndNothingRuns() async throws {
        let dir = try await Self.people(200)
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = CountingEngine(base: SQLiteEngine(dataDirectory: dir))
        let tables = try await engine.tables(for: .local)
        var catalogOnly = ValueIndexBuilder(engine: engine, principal: .local)
        catalogOnly.scansTables = false
        let index = try await catalogOnly.build(for: tables)
        #expect(engine.runs.withLock { $0 } == 0)
        #expect(index.count(in: "people") > 0 && index.count(in: "people") < 200)
    }

    /// The index is stored with the table version: another engine on the same data (a restart) reads it without
    /// scanning, a stored index of an older version is not used, and dropping the table drops it.
    @Test func theIndexIsStoredPerTableVersionAndSurvivesARestart() async throws {
        let dir = try await Self.people(300)
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = SQLiteEngine(dataDirectory: dir)
        let tables = try await engine.tables(for: .local)
        #expect(try await engine.storedValues(of: tables[0], for: .local) == nil)
        _ = try await ValueIndexBuilder(engine: engine, principal: .local).build(for: tables)
        let restarted = SQLiteEngine(dataDirectory: dir)
        let stored = try #require(try await restarted.storedValues(of: tables[0], for: .local))
        #expect(stored["name"]?.count == 300)
        var older = tables[0]
        older.version -= 1
        #expect(try await restarted.storedValues(of: older, for: .local) == nil)
        // user SQL cannot read it
        await #expect(throws: (any Error).self) {
            _ = try await restarted.run("SELECT * FROM _tabletalk_value_index", for: .local, options: QueryOptions(), cancellation: nil)
        }
        try await restarted.dropTable("people", for: .local)
        #expect(try await restarted.storedValues(of: tables[0], for: .local) == nil)
    }

    /// The index is built right after an upload, with no question asked: the first question does not pay for it.
    @Test func theIndexIsBuiltAtIngestTime() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        var text = "city\n"
        for i in 0..<150 { text += "Town \(i)\n" }
        _ = try await client.upload(Data(text.utf8), name: "towns.csv")
        let engine = SQLiteEngine(dataDirectory: h.dataDir)
        let table = try #require(try await engine.tables(for: .local).first)
        let end = ContinuousClock.now + .seconds(10)
        var stored = try await engine.storedValues(of: table, for: .local)
        while stored == nil && ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(20))
            stored = try await engine.storedValues(of: table, for: .local)
        }
        #expect(stored?["city"]?.count == 150)
    }
}

/// An engine that counts the statements it is asked to run.
final class CountingEngine: SQLEngine {
    let base: any SQLEngine
    let runs = Mutex(0)
    init(base: any SQLEngine) { self.base = base }
    func tables(for principal: Principal) async throws -> [TableInfo] { try await base.tables(for: principal) }
    func describe(table: String, for principal: Principal) async throws -> TableInfo { try await base.describe(table: table, for: principal) }
    func run(_ sql: String, for principal: Principal, options: QueryOptions, cancellation: CancellationFlag?) async throws -> QueryResult {
        runs.withLock { $0 += 1 }
        return try await base.run(sql, for: principal, options: options, cancellation: cancellation)
    }
    func dropTable(_ table: String, for principal: Principal) async throws { try await base.dropTable(table, for: principal) }
    func renameTable(_ table: String, to newName: String, for principal: Principal) async throws -> TableInfo {
        try await base.renameTable(table, to: newName, for: principal)
    }
    func alterColumn(table: String, column: String, to type: ColumnType, confirmLossy: Bool, for principal: Principal) async throws -> TableInfo {
        try await base.alterColumn(table: table, column: column, to: type, confirmLossy: confirmLossy, for: principal)
    }
}
