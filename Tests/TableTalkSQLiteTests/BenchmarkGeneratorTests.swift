import Foundation
import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// The benchmark file is deterministic and ingests with the intended mix of types.
@Suite struct BenchmarkGeneratorTests {
    @Test func deterministicAndTyped() async throws {
        let wb = Workbench()
        let a = wb.dir.url.appendingPathComponent("a.csv")
        let b = wb.dir.url.appendingPathComponent("b.csv")
        let (rows, bytes) = try BenchmarkCSVGenerator(targetBytes: 2_000_000).write(to: a)
        _ = try BenchmarkCSVGenerator(targetBytes: 2_000_000).write(to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(bytes >= 2_000_000 && bytes < 2_001_000 && rows > 10_000)
        let report = try await wb.ingestor.ingest(file: a, table: "bench", sourceName: "a.csv", for: .local) { _ in }
        #expect(report.table.rowCount == rows && report.warnings.isEmpty)
        let types = Dictionary(uniqueKeysWithValues: report.table.columns.map { ($0.name, $0.type) })
        #expect(types["order_date"] == .date && types["ship_date"] == .date && types["updated_at"] == .timestamp)
        #expect(types["amount"] == .real && types["quantity"] == .integer && types["in_stock"] == .boolean)
        #expect(types["discount"] == .integer && types["score"] == .integer && types["notes"] == .text)
        #expect(report.table.columns.count == 20)
    }
}
