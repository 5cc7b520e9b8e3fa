import Foundation
import Synchronization
import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// Catalog, paging, caching and table management of ``SQLiteEngine`` with the ingestor.
@Suite struct EngineTests {
    let wb = Workbench()

    @Test func pagingAndTruncation() async throws {
        try await wb.ingest("n\n" + (1...25).map(String.init).joined(separator: "\n") + "\n", table: "nums")
        let first = try await wb.engine.run(
            "SELECT n FROM nums ORDER BY n", for: .local, options: QueryOptions(maxRows: 10), cancellation: nil)
        #expect(first.rowCount == 10 && first.truncated && first.nextOffset == 10)
        #expect(first.columns == [ResultColumn(name: "n", type: "INTEGER")])
        let last = try await wb.engine.run(
            "SELECT n FROM nums ORDER BY n", for: .local, options: QueryOptions(maxRows: 10, offset: 20),
            cancellation: nil)
        #expect(last.rows.map { $0[0] } == (21...25).map { .integer(Int64($0)) })
        #expect(!last.truncated && last.nextOffset == nil)
        let exact = try await wb.engine.run(
            "SELECT n FROM nums", for: .local, options: QueryOptions(maxRows: 25), cancellation: nil)
        #expect(exact.rowCount == 25 && !exact.truncated)
    }

    @Test func resultTypesComeFromDeclarationsOrValues() async throws {
        try await wb.ingest("d,b,x\n2024-01-01,yes,1.5\n", table: "typed")
        let r = try await wb.engine.run(
            "SELECT d, b, x * 2 AS y, count(*) AS c, 'k' AS k, NULL AS z FROM typed", for: .local,
            options: QueryOptions(), cancellation: nil)
        #expect(r.columns.map(\.type) == ["DATE", "BOOLEAN", "REAL", "INTEGER", "TEXT", nil])
    }

    @Test func cacheAnswersRepeatsAndForgetsOnChange() async throws {
        try await wb.ingest("v\n1\n2\n", table: "c")
        let sql = "SELECT sum(v) FROM c"
        let a = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil)
        let b = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil)
        #expect(!a.cached && b.cached && b.rows == a.rows)
        try await wb.ingest("v\n10\n20\n", table: "c")
        let c = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil)
        #expect(!c.cached && c.rows == [[.integer(30)]])
        let random = "SELECT random() FROM c"
        _ = try await wb.engine.run(random, for: .local, options: QueryOptions(), cancellation: nil)
        #expect(try await !wb.engine.run(random, for: .local, options: QueryOptions(), cancellation: nil).cached)
    }

    @Test func reuploadReplacesAtomicallyAndReportsChanges() async throws {
        let first = try await wb.ingest("id,price,city\n1,10,Oslo\n", table: "shop")
        #expect(!first.replaced && first.table.version == 1)
        let second = try await wb.ingest("id,price,region\n1,10.5,North\n2,3,South\n", table: "shop")
        #expect(second.replaced && second.table.version == 2)
        #expect(second.changedColumns.sorted() == ["+region", "-city", "price: INTEGER→REAL"])
        #expect(try await wb.rows("SELECT count(*) FROM shop") == [[.integer(2)]])
        // A failing re-upload leaves the current table as it was.
        await #expect(throws: TableTalkError.self) { try await wb.ingest("id,price\n1,2,3\n", table: "shop") }
        #expect(try await wb.rows("SELECT count(*) FROM shop") == [[.integer(2)]])
        #expect(try await wb.engine.describe(table: "shop", for: .local).version == 2)
        // One raw file per table: the replaced one was deleted.
        let kept = try FileManager.default.contentsOfDirectory(atPath: wb.store.root.appendingPathComponent("local").path)
        #expect(kept.count == 1)
    }

    @Test func catalogDescribesColumns() async throws {
        try await wb.ingest("Region,Sales Amount\nNorth,\"1,200\"\nSouth,NA\nNorth,300\n", table: "Q1 Sales")
        let tables = try await wb.engine.tables(for: .local)
        #expect(tables.map(\.name) == ["q1_sales"])
        let info = try await wb.engine.describe(table: "Q1_SALES", for: .local)
        #expect(info.sourceFile == "Q1 Sales.csv" && info.rowCount == 3)
        let region = try #require(info.column(named: "region"))
        #expect(region.label == "Region" && region.distinctValues == ["North", "South"] && region.distinctCount == 2)
        let amount = try #require(info.column(named: "sales_amount"))
        #expect(amount.type == .integer && amount.nullCount == 1 && amount.examples == ["1200", "300"])
        await #expect(throws: TableTalkError.self) { try await wb.engine.describe(table: "nope", for: .local) }
    }

    @Test func valueLookupFindsColumnsHoldingAValue() async throws {
        let many = (1...80).map { "Customer \($0)" }
        try await wb.ingest(
            "city,customer\n" + many.enumerated().map { "\(["Berlin", "Oslo"][$0.offset % 2]),\($0.element)" }
                .joined(separator: "\n"), table: "orders")
        let lookup = SQLiteValueLookup(dataDirectory: wb.dir.url, principal: .local)
        #expect(lookup.columns(containing: "berlin", in: "orders").map(\.stored) == ["Berlin"])
        #expect(lookup.columns(containing: "CUSTOMER 42", in: "orders").map(\.column) == ["customer"])
        #expect(lookup.columns(containing: "Paris", in: "orders").isEmpty)
        #expect(lookup.columns(containing: "Berlin", in: "nope").isEmpty)
    }

    @Test func renameAndDrop() async throws {
        try await wb.ingest("a\n1\n", table: "one")
        try await wb.ingest("a\n2\n", table: "two")
        await #expect { try await wb.engine.renameTable("one", to: "two", for: .local) } throws: {
            ($0 as? TableTalkError)?.kind == .tableExists
        }
        let renamed = try await wb.engine.renameTable("one", to: "First Table", for: .local)
        #expect(renamed.name == "first_table" && renamed.version == 2)
        #expect(try await wb.rows("SELECT a FROM first_table") == [[.integer(1)]])
        await #expect { try await wb.rows("SELECT a FROM one") } throws: { ($0 as? TableTalkError)?.kind == .tableNotFound }
        let dir = wb.store.root.appendingPathComponent("local").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 2)
        try await wb.engine.dropTable("first_table", for: .local)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 1)
        #expect(try await wb.engine.tables(for: .local).map(\.name) == ["two"])
        await #expect { try await wb.engine.dropTable("first_table", for: .local) } throws: {
            ($0 as? TableTalkError)?.kind == .tableNotFound
        }
    }

    @Test func alterColumnRetypesFromStoredValues() async throws {
        try await wb.ingest("code,flag,d\n001,yes,2024-01-05\n002,no,2024-02-06\nx7,yes,2024-03-07\n", table: "r")
        await #expect { try await wb.engine.alterColumn(table: "r", column: "code", to: .integer, for: .local) } throws: {
            ($0 as? TableTalkError)?.kind == .typeConversion && ($0 as? TableTalkError)?.details["failing"] == "1"
        }
        let info = try await wb.engine.alterColumn(table: "r", column: "code", to: .integer, confirmLossy: true, for: .local)
        let code = try #require(info.column(named: "code"))
        #expect(code.type == .integer && code.nullCount == 1 && info.version == 2)
        #expect(code.notes.contains { $0.contains("1 value(s) could not be converted") })
        #expect(try await wb.rows("SELECT code FROM r ORDER BY rowid") == [[.integer(1)], [.integer(2)], [.null]])
        _ = try await wb.engine.alterColumn(table: "r", column: "flag", to: .text, for: .local)
        #expect(try await wb.rows("SELECT flag FROM r ORDER BY rowid") == [[.text("true")], [.text("false")], [.text("true")]])
        _ = try await wb.engine.alterColumn(table: "r", column: "d", to: .timestamp, for: .local)
        #expect(try await wb.rows("SELECT d FROM r LIMIT 1") == [[.text("2024-01-05 00:00:00")]])
        await #expect { try await wb.engine.alterColumn(table: "r", column: "zzz", to: .text, for: .local) } throws: {
            ($0 as? TableTalkError)?.kind == .columnNotFound
        }
    }

    @Test func progressReportsPhases() async throws {
        let phases = Mutex<[IngestProgress.Phase]>([])
        let f = try wb.dir.file("p.csv", "a\n" + (1...200_000).map(String.init).joined(separator: "\n"))
        _ = try await wb.ingestor.ingest(file: f, table: "p", sourceName: "p.csv", for: .local) { p in
            phases.withLock { $0.append(p.phase) }
        }
        let seen = phases.withLock { $0 }
        #expect(seen.first == .parsing && seen.last == .ready && seen.filter { $0 == .loading }.count >= 3)
    }

    @Test func concurrentIngestsAndQueriesOfOnePrincipal() async throws {
        try await wb.ingest("v\n1\n", table: "base")
        let body = "v\n" + (1...20_000).map(String.init).joined(separator: "\n")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<4 { group.addTask { try await wb.ingest(body, table: "t\(i)") } }
            for _ in 0..<8 {
                group.addTask {
                    let rows = try await wb.rows("SELECT v FROM base")
                    #expect(rows == [[.integer(1)]])
                }
            }
            try await group.waitForAll()
        }
        #expect(try await wb.engine.tables(for: .local).map(\.name) == ["base", "t0", "t1", "t2", "t3"])
        #expect(try await wb.rows("SELECT sum(v) FROM t3") == [[.integer(200_010_000)]])
    }

    @Test func cancelledIngestLeavesNothingBehind() async throws {
        let f = try wb.dir.file("big.csv", "a,b\n" + (1...200_000).map { "\($0),x\($0)" }.joined(separator: "\n"))
        let ingestor = wb.ingestor
        let handle = Mutex<Task<IngestReport, any Error>?>(nil)
        let task = Task {
            try await ingestor.ingest(file: f, table: "big", sourceName: "big.csv", for: .local) { p in
                // Cancel from inside the load, once it is under way: deterministic, no sleeps.
                if p.phase == .loading && p.rows > 0 { handle.withLock { $0?.cancel() } }
            }
        }
        handle.withLock { $0 = task }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await wb.engine.tables(for: .local).isEmpty)
        #expect(try await wb.rows("SELECT 1") == [[.integer(1)]])
    }

    @Test func ingestCopiesTheCallersFileAndCanMoveIt() async throws {
        let f = try wb.dir.file("keep.csv", "a\n1\n")
        _ = try await wb.ingestor.ingest(file: f, table: "k", sourceName: "keep.csv", for: .local) { _ in }
        #expect(FileManager.default.fileExists(atPath: f.path))
        let mover = SQLiteIngestor(
            dataDirectory: wb.dir.url, objectStore: wb.store, configuration: SQLiteConfiguration(rawFiles: .move))
        let g = try wb.dir.file("move.csv", "a\n2\n")
        _ = try await mover.ingest(file: g, table: "m", sourceName: "move.csv", for: .local) { _ in }
        #expect(!FileManager.default.fileExists(atPath: g.path))
        let unicode = try await wb.ingest("a\n3\n", table: "Straße 城市")
        #expect(unicode.table.name == "straße_城市" && unicode.warnings.isEmpty)
        #expect(try await wb.rows("SELECT a FROM \"straße_城市\"") == [[.integer(3)]])
    }
}
