import Foundation
import Testing
import TableTalkCore
@testable import TableTalkCSV
@testable import TableTalkSQLite

/// Limits that agree with SQLite's own: column counts, built-in table names.
@Suite struct LimitTests {
    let wb = Workbench()

    func csv(columns: Int) -> String {
        let header = (1...columns).map { "c\($0)" }.joined(separator: ",")
        let row = (1...columns).map { String($0) }.joined(separator: ",")
        return header + "\n" + row + "\n"
    }

    @Test func twoThousandColumnsLoadAndOneMoreIsTooManyColumns() async throws {
        let report = try await wb.ingest(csv(columns: 2000), table: "wide")
        #expect(report.table.columns.count == 2000)
        for n in [2001, 3000, 4096] {
            await #expect {
                try await wb.ingest(csv(columns: n), table: "wider")
            } throws: { ($0 as? TableTalkError)?.kind == .csvTooManyColumns }
        }
        #expect(CSVLimits(maxColumns: 4096).maxColumns == 2000)
    }

    @Test(arguments: ["json_each", "pragma_table_info", "dbstat", "json_tree", "Pragma_Index_List"])
    func aTableNamedLikeABuiltInTableIsRenamed(_ name: String) async throws {
        let report = try await wb.ingest("a\n1\n2\n", table: name)
        #expect(report.table.name == "t_" + name.lowercased())
        #expect(try await wb.rows("SELECT count(*) FROM \(report.table.name)") == [[.integer(2)]])
        let renamed = try await wb.engine.renameTable(report.table.name, to: name, for: .local)
        #expect(renamed.name == "t_" + name.lowercased())
    }
}
