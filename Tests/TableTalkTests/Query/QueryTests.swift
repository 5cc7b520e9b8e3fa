import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `query.run` paging, truncation and caching, and the catalog methods, through a real session.
@Suite struct QueryTests {
    static func loaded(rows: Int = 25, _ adjust: @escaping @Sendable (inout AppConfiguration) -> Void = { _ in }) async throws
        -> (UploadHarness, TestClient)
    {
        let h = try UploadHarness(adjust)
        let client = try await h.client()
        _ = try await client.upload(UploadHarness.salesCSV(rows: rows), name: "sales.csv", chunk: 4096)
        return (h, client)
    }

    @Test func pagesThroughATruncatedResult() async throws {
        let (_, client) = try await Self.loaded(rows: 25)
        let sql = "SELECT sales FROM sales ORDER BY sales"
        var pages: [QueryRunResult] = [try await client.call(QueryRunRequest(sql: sql, maxRows: 10))]
        while let token = pages.last?.nextPageToken {
            pages.append(try await client.call(QueryRunRequest(sql: sql, maxRows: 10, pageToken: token)))
        }
        #expect(pages.map(\.rowCount) == [10, 10, 5])
        #expect(pages.map(\.truncated) == [true, true, false])
        #expect(pages.first?.columns.map(\.name) == ["sales"])
        let all = try await client.call(QueryRunRequest(sql: sql, maxRows: 100))
        #expect(!all.truncated && all.nextPageToken == nil)
        #expect(pages.flatMap(\.rows) == all.rows)
    }

    @Test func defaultRowCapComesFromConfiguration() async throws {
        let (_, client) = try await Self.loaded(rows: 25) { $0.maxRows = 7 }
        let page = try await client.call(QueryRunRequest(sql: "SELECT * FROM sales"))
        #expect(page.rowCount == 7 && page.truncated && page.nextPageToken != nil)
    }

    @Test func pageTokensAreBoundToTheirQuery() async throws {
        let (_, client) = try await Self.loaded()
        let first = try await client.call(QueryRunRequest(sql: "SELECT * FROM sales", maxRows: 5))
        let token = try #require(first.nextPageToken)
        let other = try await client.error(QueryRunRequest(sql: "SELECT region FROM sales", maxRows: 5, pageToken: token))
        #expect(other.code == .invalidPageToken)
        #expect(try await client.error(QueryRunRequest(sql: "SELECT * FROM sales", pageToken: "not-a-token!")).code == .invalidPageToken)
        #expect(try await client.error(QueryRunRequest(sql: "SELECT 1", maxRows: 0)).code == .invalidParams)
    }

    @Test func identicalQueriesAreCachedUntilTheTableChanges() async throws {
        let (_, client) = try await Self.loaded()
        let sql = "SELECT region, sum(sales) AS total FROM sales GROUP BY region ORDER BY region"
        let first = try await client.call(QueryRunRequest(sql: sql))
        let second = try await client.call(QueryRunRequest(sql: sql))
        #expect(!first.cached && second.cached)
        #expect(first.rows == second.rows && first.columns == second.columns)
        _ = try await client.upload(UploadHarness.salesCSV(rows: 8), name: "sales.csv")
        let after = try await client.call(QueryRunRequest(sql: sql))
        #expect(!after.cached)
        #expect(after.rows != first.rows)
    }

    @Test func valuesArriveAsJSONTypes() async throws {
        let (_, client) = try await Self.loaded(rows: 3)
        let r = try await client.call(
            QueryRunRequest(sql: "SELECT region, sales, sales / 3.0 AS third, NULL AS missing FROM sales ORDER BY sales LIMIT 1"))
        #expect(r.columns.map(\.name) == ["region", "sales", "third", "missing"])
        let row = try #require(r.rows.first)
        #expect(row[0] == "Europe" && row[1] == 1000 && row[3] == .null)
        #expect(abs((row[2].doubleValue ?? 0) - 1000.0 / 3) < 1e-9)
        #expect(r.elapsedMs >= 0)
    }

    @Test func catalogMethods() async throws {
        let (_, client) = try await Self.loaded(rows: 12)
        let tables = try await client.call(QueryTablesRequest()).tables
        #expect(tables.map(\.name) == ["sales"] && tables[0].rowCount == 12 && tables[0].sourceFile == "sales.csv")
        let described = try await client.call(QueryDescribeRequest(table: "sales"))
        #expect(described.columns.first { $0.name == "region" }?.distinctValues?.sorted() == ["Africa", "Americas", "Asia", "Europe"])
        #expect(try await client.error(QueryDescribeRequest(table: "nope")).code == .tableNotFound)

        let retyped = try await client.call(QueryAlterColumnRequest(table: "sales", column: "sales", type: .text))
        #expect(retyped.columns.first { $0.name == "sales" }?.type == .text)
        #expect(try await client.error(QueryAlterColumnRequest(table: "sales", column: "nope", type: .real)).code == .columnNotFound)

        _ = try await client.upload(Data("x\n1\n".utf8), name: "other.csv")
        #expect(try await client.error(QueryRenameTableRequest(table: "sales", newName: "other")).code == .tableExists)
        let renamed = try await client.call(QueryRenameTableRequest(table: "sales", newName: "sales_2024"))
        #expect(renamed.name == "sales_2024" && renamed.rowCount == 12)
        #expect(try await client.call(QueryRunRequest(sql: "SELECT count(*) FROM sales_2024")).rows == [[12]])

        #expect(try await client.call(QueryDropTableRequest(table: "sales_2024")).dropped)
        #expect(try await client.error(QueryDropTableRequest(table: "sales_2024")).code == .tableNotFound)
        #expect(try await client.call(QueryTablesRequest()).tables.map(\.name) == ["other"])
    }

    @Test func alterColumnAcceptsLowerCaseTypeNamesAndRejectsUnknownOnes() async throws {
        let (_, client) = try await Self.loaded(rows: 3)
        let reply = try await client.callRaw(method: "query.alterColumn", params: ["table": "sales", "column": "sales", "type": "real"])
        #expect(reply["result"]?["columns"]?.arrayValue?.first { $0["name"] == "sales" }?["type"] == "REAL")
        let bad = try await client.callRaw(method: "query.alterColumn", params: ["table": "sales", "column": "sales", "type": "money"])
        #expect(bad["error"]?["code"] == -32602)
    }
}
