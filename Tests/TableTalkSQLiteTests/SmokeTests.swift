import Foundation
import Testing
import TableTalkCore
@testable import TableTalkSQLite

@Suite struct SmokeTests {
    @Test func ingestAndQuery() async throws {
        let wb = Workbench()
        let report = try await wb.ingest(
            "Name,Amount,When,Flag\nalice,\"1,234\",2024-01-05,yes\nbob,12.5,2024-02-01,no\n", table: "Sales")
        #expect(report.table.name == "sales")
        #expect(report.table.columns.map(\.type) == [.text, .real, .date, .boolean])
        let rows = try await wb.rows("SELECT name, amount, \"when\", flag FROM sales ORDER BY name")
        #expect(rows == [[.text("alice"), .real(1234), .text("2024-01-05"), .integer(1)],
                         [.text("bob"), .real(12.5), .text("2024-02-01"), .integer(0)]])
    }
}
