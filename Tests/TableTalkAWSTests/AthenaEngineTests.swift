import Foundation
import Synchronization
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// The Athena ``SQLEngine`` on moto: the catalog side (tables, describe, drop, rename, re-type) for real against
/// Glue and S3; queries by the requests they send and results seeded through moto's Athena results API
/// (moto does not run SQL).
@Suite struct AthenaEngineTests {
    static let csv = "region,units,price,day\nNorth,3,1.5,2024-01-05\nSouth,4,2.25,2024-02-29\nWest,,3,2023-12-31\n"

    @Test func tablesAndDescribeComeFromGlue() async throws {
        let f = try await GlueTestFixture.make()
        let engine = f.engine()
        #expect(try await engine.tables(for: f.principal).isEmpty, "no database yet: no tables")
        let report = try await f.ingest(text: Self.csv, as: "sales")
        _ = try await f.ingest(text: "a\n1\n", as: "another")
        #expect(try await engine.tables(for: f.principal).map(\.name) == ["another", "sales"])
        let info = try await engine.describe(table: "sales", for: f.principal)
        #expect(info == report.table)
        #expect(info.columns.map(\.type) == [.text, .integer, .real, .date])
        #expect(info.column(named: "region")?.distinctValues == ["North", "South", "West"])
        #expect(info.column(named: "units")?.nullCount == 1)
        #expect(info.sourceFile == "sales.csv")
        await #expect(throws: TableTalkError.self) { _ = try await engine.describe(table: "nothing", for: f.principal) }
        // Another principal sees none of it.
        #expect(try await engine.tables(for: Principal("someone-else-\(UUID().uuidString.prefix(6))")).isEmpty)
    }

    @Test func dropDeletesTheGlueTableItsDataAndItsRawFile() async throws {
        let f = try await GlueTestFixture.make()
        let engine = f.engine()
        _ = try await f.ingest(text: Self.csv, as: "sales")
        let glue = try #require(try await f.store.catalog.table("sales", in: f.database))
        let raw = try #require(GlueTableMapping.storage(glue).rawObjectKey)
        #expect(try await f.tableObjects().count == 1)
        try await engine.dropTable("sales", for: f.principal)
        #expect(try await f.store.catalog.table("sales", in: f.database) == nil)
        #expect(try await f.tableObjects().isEmpty)
        #expect(await f.rawFiles.exists(key: raw) == false)
        do {
            try await engine.dropTable("sales", for: f.principal)
            Issue.record("dropping a dropped table succeeded")
        } catch let error as TableTalkError {
            #expect(error.kind == .tableNotFound)
        }
    }

    @Test func renameCreatesTheNewTableOverTheSameDataAndDeletesTheOld() async throws {
        let f = try await GlueTestFixture.make()
        let engine = f.engine()
        let report = try await f.ingest(text: Self.csv, as: "sales")
        _ = try await f.ingest(text: "a\n1\n", as: "taken")
        let before = try #require(try await f.store.catalog.table("sales", in: f.database))
        let renamed = try await engine.renameTable("sales", to: "Sales 2024", for: f.principal)
        #expect(renamed.name == "sales_2024")
        #expect(renamed.version == report.table.version + 1)
        #expect(renamed.columns == report.table.columns)
        #expect(try await f.store.catalog.table("sales", in: f.database) == nil)
        let after = try #require(try await f.store.catalog.table("sales_2024", in: f.database))
        #expect(after.StorageDescriptor?.Location == before.StorageDescriptor?.Location)
        #expect(GlueTableMapping.storage(after) == GlueTableMapping.storage(before))
        #expect(try await engine.describe(table: "sales_2024", for: f.principal) == renamed)
        do {
            _ = try await engine.renameTable("sales_2024", to: "taken", for: f.principal)
            Issue.record("renaming onto a taken name succeeded")
        } catch let error as TableTalkError {
            #expect(error.kind == .tableExists)
        }
        #expect(try await engine.renameTable("sales_2024", to: "sales_2024", for: f.principal) == renamed)
        // Dropping the renamed table deletes the data it still shares the prefix of.
        try await engine.dropTable("sales_2024", for: f.principal)
        #expect(try await f.tableObjects().count == 1)  // only `taken`'s
    }

    @Test func losslessRetypesChangeOnlyTheGlueTypeAndChangeBack() async throws {
        let f = try await GlueTestFixture.make()
        let engine = f.engine()
        _ = try await f.ingest(text: Self.csv, as: "sales")
        let dataBefore = try await f.tableObjects()
        let asText = try await engine.alterColumn(table: "sales", column: "units", to: .text, for: f.principal)
        #expect(asText.column(named: "units")?.type == .text)
        #expect(asText.version == 2)
        var glue = try #require(try await f.store.catalog.table("sales", in: f.database))
        #expect(glue.StorageDescriptor?.Columns?.map(\.Type) == ["string", "string", "double", "date"])
        let asReal = try await engine.alterColumn(table: "sales", column: "UNITS", to: .real, for: f.principal)
        #expect(asReal.column(named: "units")?.type == .real)
        let back = try await engine.alterColumn(table: "sales", column: "units", to: .integer, for: f.principal)
        #expect(back.column(named: "units")?.type == .integer)
        #expect(back.column(named: "units")?.notes.first?.hasPrefix("changed back to INTEGER") == true)
        #expect(back.version == 4)
        glue = try #require(try await f.store.catalog.table("sales", in: f.database))
        #expect(glue.StorageDescriptor?.Columns?.map(\.Type) == ["string", "bigint", "double", "date"])
        #expect(try await f.tableObjects() == dataBefore, "a re-type never rewrites the data")
        #expect(try await engine.describe(table: "sales", for: f.principal) == back)
        do {
            _ = try await engine.alterColumn(table: "sales", column: "nope", to: .text, for: f.principal)
            Issue.record("re-typing a missing column succeeded")
        } catch let error as TableTalkError {
            #expect(error.kind == .columnNotFound)
        }
    }

    /// Runs in a region of its own: it seeds Athena results, which moto hands to executions in start order.
    @Test func aLossyRetypeIsCheckedOnAthenaAndNeedsConfirmation() async throws {
        let f = try await GlueTestFixture.make(region: GlueTestFixture.athenaRegion)
        let started = Mutex<[String]>([])
        let engine = f.engine(onStarted: { id in started.withLock { $0.append(id) } })
        _ = try await f.ingest(text: Self.csv, as: "sales")
        try await f.seed(columns: [("value", "varchar"), ("failing", "bigint")], rows: [["North", "3"], ["South", "3"], ["West", "3"]])
        do {
            _ = try await engine.alterColumn(table: "sales", column: "region", to: .integer, for: f.principal)
            Issue.record("a lossy re-type was applied without confirmation")
        } catch let error as TableTalkError {
            #expect(error.kind == .typeConversion)
            #expect(error.details["failing"] == "3")
            #expect(error.details["samples"] == #"["North","South","West"]"#)
            #expect(error.details["column"] == "region")
        }
        let ids = started.withLock { $0 }
        #expect(ids.count == 1)
        let sent = try await f.querySent(try #require(ids.first))
        #expect(sent.database == f.database)
        #expect(sent.sql == AthenaEngine.lossCheckSQL(column: "region", table: "sales", to: .integer))
        #expect(sent.sql.contains(#"try_cast(CAST("region" AS varchar) AS bigint) IS NULL"#))
        #expect(try await engine.describe(table: "sales", for: f.principal).column(named: "region")?.type == .text)

        try await f.seed(columns: [("value", "varchar"), ("failing", "bigint")], rows: [["North", "3"]])
        let applied = try await engine.alterColumn(table: "sales", column: "region", to: .integer, confirmLossy: true, for: f.principal)
        #expect(applied.column(named: "region")?.type == .integer)
        #expect(applied.column(named: "region")?.notes.contains { $0.hasPrefix("3 value(s) could not be converted") } == true)
        // Back to the stored type: no check query, the values read as written.
        let count = started.withLock { $0.count }
        let restored = try await engine.alterColumn(table: "sales", column: "region", to: .text, for: f.principal)
        #expect(restored.column(named: "region")?.type == .text)
        #expect(started.withLock { $0.count } == count)
    }

    /// Runs in a second region of its own (it seeds results too): the query goes to the runner with the
    /// principal's database as context.
    @Test func runSendsTheQueryInThePrincipalsDatabase() async throws {
        let f = try await GlueTestFixture.make(region: GlueTestFixture.secondAthenaRegion)
        let started = Mutex<[String]>([])
        let engine = f.engine(onStarted: { id in started.withLock { $0.append(id) } })
        _ = try await f.ingest(text: Self.csv, as: "sales")
        try await f.seed(columns: [("region", "varchar"), ("units", "bigint")], rows: [["North", "3"], ["South", "4"]])
        let result = try await engine.run(
            "SELECT region, units FROM sales ORDER BY region", for: f.principal, options: QueryOptions(), cancellation: nil)
        #expect(result.rows == [[.text("North"), .integer(3)], [.text("South"), .integer(4)]])
        let sent = try await f.querySent(try #require(started.withLock { $0.first }))
        #expect(sent.database == f.database)
        #expect(sent.sql == "SELECT region, units FROM sales ORDER BY region")
        do {
            _ = try await engine.run("SELECT * FROM other_db.sales", for: f.principal, options: QueryOptions(), cancellation: nil)
            Issue.record("a query of another database was sent")
        } catch let error as TableTalkError {
            #expect(error.kind == .sqlNotAllowed)
        }
        #expect(started.withLock { $0.count } == 1)
    }
}
