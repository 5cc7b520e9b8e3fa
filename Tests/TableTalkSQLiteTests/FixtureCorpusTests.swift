import Foundation
import Testing
import TableTalkCSV
import TableTalkCore
@testable import TableTalkSQLite

/// Walks `Fixtures/csv/expected.json`: every file is ingested and must give exactly the listed schema (names,
/// types, row count, detected dialect, warnings, notes, null counts, sample query) or fail with the listed error.
@Suite struct FixtureCorpusTests {
    @Test func corpusIsLargeEnough() {
        #expect(FixtureCase.all.count >= 40)
    }

    @Test(arguments: FixtureCase.all)
    func fixture(_ c: FixtureCase) async throws {
        var config = SQLiteConfiguration()
        if let n = c.sampleRows { config.limits.sampleRows = n }
        let wb = Workbench(configuration: config)
        let source = Fixtures.csvDirectory.appendingPathComponent(c.file)
        let file = wb.dir.url.appendingPathComponent(c.file)
        try FileManager.default.copyItem(at: source, to: file)
        if let kind = c.error {
            await expectIngestError(wb, file: file, kind: kind, line: c.line)
            return
        }
        let report = try await wb.ingestor.ingest(file: file, table: "t", sourceName: c.file, for: .local) { _ in }
        let info = report.table
        if let columns = c.columns {
            #expect(info.columns.map { "\($0.name):\($0.type.rawValue)" } == columns, "\(report.warnings)")
        }
        if let rows = c.rows { #expect(info.rowCount == rows) }
        if let labels = c.labels { #expect(info.columns.map(\.label) == labels) }
        for (k, v) in c.detected ?? [:] { #expect(report.detected[k] == v, "detected[\(k)]") }
        if let w = c.warning {
            #expect(report.warnings.contains { $0.localizedCaseInsensitiveContains(w) }, "\(report.warnings)")
        }
        for (col, text) in c.note ?? [:] {
            let notes = info.column(named: col)?.notes ?? []
            #expect(notes.contains { $0.localizedCaseInsensitiveContains(text) }, "\(col): \(notes)")
        }
        for (col, n) in c.nulls ?? [:] { #expect(info.column(named: col)?.nullCount == n, "\(col)") }
        for (col, values) in c.distinct ?? [:] { #expect(info.column(named: col)?.distinctValues == values) }
        if let q = c.query {
            let rows = try await wb.rows(q.sql)
            let same = rows.count == q.rows.count
                && zip(rows, q.rows).allSatisfy { r, e in r.count == e.count && zip(r, e).allSatisfy(cellsMatch) }
            #expect(same, "\(q.sql) → \(rows)")
        }
        // The raw file was kept in the object store.
        let kept = try FileManager.default.contentsOfDirectory(atPath: wb.store.root.appendingPathComponent("local").path)
        #expect(kept.count == 1, "\(report.warnings)")
        #expect(!report.warnings.contains { $0.contains("raw file") })
    }

    private func expectIngestError(_ wb: Workbench, file: URL, kind: String, line: Int?) async {
        do {
            _ = try await wb.ingestor.ingest(file: file, table: "t", sourceName: file.lastPathComponent, for: .local) { _ in }
            Issue.record("expected \(kind), but the ingest succeeded")
        } catch let e as TableTalkError {
            #expect(e.kind.name == kind, "\(e)")
            if let line { #expect(e.details["line"] == String(line), "\(e)") }
            // Nothing is left behind.
            let tables = (try? await wb.engine.tables(for: .local)) ?? []
            #expect(tables.isEmpty)
        } catch {
            Issue.record("expected \(kind), got \(error)")
        }
    }
}
