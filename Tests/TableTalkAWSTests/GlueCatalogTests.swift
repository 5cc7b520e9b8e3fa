import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// The Glue catalog calls and the TableInfo ⇄ Glue table mapping, against moto over real HTTP.
@Suite struct GlueCatalogTests {
    static let info = TableInfo(
        name: "sales", sourceFile: "Sales 2024.csv", rowCount: 1234,
        columns: [
            ColumnInfo(
                name: "region", label: "Region", type: .text, nullCount: 2, examples: ["North", "South"],
                distinctValues: ["North", "South", "West"], distinctCount: 3, notes: []),
            ColumnInfo(name: "units", label: "Units", type: .integer, nullCount: 0, examples: ["3"], distinctCount: 90),
            ColumnInfo(name: "price", label: "Price €", type: .real, examples: ["1.5"], distinctCount: 80),
            ColumnInfo(name: "paid", label: "Paid?", type: .boolean),
            ColumnInfo(name: "day", label: "Day", type: .date, notes: ["dates read as day/month: ambiguous"]),
            ColumnInfo(name: "seen_at", label: "Seen at", type: .timestamp),
        ],
        createdAt: Date(timeIntervalSince1970: 1_733_000_000.25), version: 3)

    @Test func aTableRoundTripsThroughGlueWithItsCatalogFacts() async throws {
        let f = try await GlueTestFixture.make()
        let storage = GlueTableMapping.Storage(
            location: "s3://\(f.bucket)/tt/tables/x/sales/v3-abc/", dataPrefix: "tt/tables/x/sales/v3-abc/", rawObjectKey: "x/sales-1.csv")
        try await f.store.catalog.ensureDatabase(f.database)
        try await f.store.catalog.createTable(GlueTableMapping.tableInput(Self.info, storage: storage), in: f.database)
        let glue = try #require(try await f.store.catalog.table("sales", in: f.database))
        #expect(GlueTableMapping.tableInfo(glue) == Self.info)
        #expect(GlueTableMapping.storage(glue) == storage)
        #expect(glue.StorageDescriptor?.Columns?.map(\.Type) == ["string", "bigint", "double", "boolean", "date", "timestamp"])
        #expect(glue.TableType == "EXTERNAL_TABLE")
        #expect(glue.StorageDescriptor?.Columns?.first?.Comment == "Region")
    }

    @Test func missingTablesAndDatabasesAndTakenNames() async throws {
        let f = try await GlueTestFixture.make()
        #expect(try await f.store.catalog.databaseExists(f.database) == false)
        #expect(try await f.store.catalog.table("nothing", in: f.database) == nil)
        #expect(try await f.store.catalog.tables(in: f.database).isEmpty)
        try await f.store.catalog.ensureDatabase(f.database)
        try await f.store.catalog.ensureDatabase(f.database)  // a second time is fine
        #expect(try await f.store.catalog.databaseExists(f.database))
        let storage = GlueTableMapping.Storage(location: "s3://b/p/", dataPrefix: "p/", rawObjectKey: nil)
        let input = GlueTableMapping.tableInput(Self.info, storage: storage)
        try await f.store.catalog.createTable(input, in: f.database)
        do {
            try await f.store.catalog.createTable(input, in: f.database)
            Issue.record("a second CreateTable of the same name succeeded")
        } catch let error as TableTalkError {
            #expect(error.kind == .tableExists)
        }
        do {
            try await f.store.catalog.deleteTable("nothing", in: f.database)
            Issue.record("deleting a missing table succeeded")
        } catch let error as TableTalkError {
            #expect(error.kind == .tableNotFound)
        }
        #expect(try await f.store.catalog.tables(in: f.database).map(\.Name) == ["sales"])
        try await f.store.catalog.deleteTable("sales", in: f.database)
        #expect(try await f.store.catalog.tables(in: f.database).isEmpty)
        try await f.store.catalog.deleteDatabase(f.database)
        #expect(try await f.store.catalog.databaseExists(f.database) == false)
    }

    @Test func databaseNamesAreSafeAndDistinctPerPrincipal() {
        #expect(GlueNames.database(for: Principal("alice_1"), prefix: "tabletalk_") == "tabletalk_alice_1")
        let cognito = GlueNames.database(for: Principal("3f2a9c1e-0b7d-4c55-9e61-1a2b3c4d5e6f"), prefix: "tabletalk_")
        #expect(cognito.hasPrefix("tabletalk_3f2a9c1e_0b7d_4c55_9e61_1a2b3c4d5e6f_"))
        #expect(cognito.count == "tabletalk_3f2a9c1e_0b7d_4c55_9e61_1a2b3c4d5e6f_".count + 8)
        // Ids that sanitise alike still get different databases.
        #expect(GlueNames.database(for: Principal("a-b"), prefix: "t_") != GlueNames.database(for: Principal("a_b"), prefix: "t_"))
        #expect(GlueNames.database(for: Principal("Alice"), prefix: "t_") != GlueNames.database(for: Principal("alice"), prefix: "t_"))
        let long = GlueNames.database(for: Principal(String(repeating: "x-", count: 300)), prefix: "t_")
        #expect(long.count <= GlueNames.maxLength)
        #expect(long.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
    }

    @Test func tableNamesFollowTheEmbeddedRulesInASCII() {
        #expect(GlueNames.table("Sales 2024") == "sales_2024")
        #expect(GlueNames.table("2024 sales") == "t_2024_sales")
        #expect(GlueNames.table("customerID") == "customer_id")
        #expect(GlueNames.table("Café") == "cafe")
        #expect(GlueNames.table("数据") == "table")
        #expect(GlueNames.table("") == "table")
        #expect(GlueNames.stem("dir/sales.2024.csv") == "sales.2024")
    }

    @Test func athenaTypesMapBothWays() {
        for type in ColumnType.allCases {
            #expect(GlueTableMapping.columnType(athena: GlueTableMapping.athenaType(type)) == type)
        }
        #expect(GlueTableMapping.columnType(athena: "decimal(10,2)") == .real)
        #expect(GlueTableMapping.columnType(athena: "varchar(20)") == .text)
        #expect(GlueTableMapping.columnType(athena: "int") == .integer)
        #expect(GlueTableMapping.columnType(athena: "array<string>") == .text)
    }
}
