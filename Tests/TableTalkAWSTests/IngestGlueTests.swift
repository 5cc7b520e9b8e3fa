import Foundation
import Synchronization
import TableTalkAWS
import TableTalkCSV
import TableTalkCore
import TableTalkSQLite
import TableTalkTestSupport
import Testing

/// The AWS ingest against moto over real HTTP: the Glue table gets the columns and types the SQLite path infers
/// for the same file, the normalized copy is in S3 with server-side encryption in the text form Athena reads, a
/// re-ingest swaps versions and deletes the old one, and a failed ingest leaves nothing behind.
@Suite struct IngestGlueTests {
    /// Every fixture the embedded corpus ingests successfully with default limits.
    static let fixtures = [
        "basic_types.csv", "utf8_bom.csv", "utf16le_bom.csv", "utf16be_bom.csv", "latin1.csv", "semicolon_decimal_comma.csv",
        "tab_delimited.csv", "pipe_delimited.csv", "quotes_doubled.csv", "quotes_backslash.csv", "embedded_newlines.csv",
        "crlf.csv", "cr_only.csv", "mixed_line_endings.csv", "no_header.csv", "ragged_short_rows.csv", "trailing_delimiter.csv",
        "empty_column_names.csv", "duplicate_column_names.csv", "thousands_separators.csv", "currency.csv", "percent.csv",
        "null_tokens.csv", "iso_dates.csv", "us_dates.csv", "european_dates.csv", "ambiguous_dates.csv", "timestamps.csv",
        "month_names.csv", "leading_zero_codes.csv", "unicode_minus.csv", "booleans.csv", "single_column.csv",
        "header_normalization.csv", "big_integers.csv", "mixed_int_real.csv", "scientific.csv", "spaces_around_fields.csv",
        "european_numbers.csv", "accounting_negative.csv", "unicode_text.csv", "text_after_quote.csv",
        "excel_errors_as_null.csv", "low_cardinality.csv", "utf16le_no_bom.csv", "two_digit_years.csv", "am_pm_times.csv",
        "invalid_dates_text.csv", "quoted_numbers.csv", "late_invalid_utf8.csv",
    ]

    /// The fixtures whose first rows predict a type that a later value breaks, with the sample size that shows it.
    static let widening: [(String, Int)] = [
        ("widening_late_value.csv", 5), ("widening_int_to_real.csv", 3), ("widening_date_order_flips.csv", 3),
        ("widening_leading_zero_late.csv", 2), ("widening_date_to_timestamp.csv", 2),
    ]

    /// The SQLite ingest of the same file, for comparison.
    static func sqliteReport(_ fixture: String, limits: CSVLimits = CSVLimits()) async throws -> IngestReport {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tt-sqlite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ingestor = SQLiteIngestor(dataDirectory: dir, configuration: SQLiteConfiguration(limits: limits, rawFiles: .none))
        return try await ingestor.ingest(
            file: GlueTestFixture.fixture(fixture), table: "", sourceName: fixture, for: .local, progress: { _ in })
    }

    static func assertSameSchema(_ aws: IngestReport, _ sqlite: IngestReport, glue: GlueWire.Table?, _ fixture: String) {
        #expect(aws.table.columns.map(\.name) == sqlite.table.columns.map(\.name), "\(fixture): column names")
        #expect(aws.table.columns.map(\.type) == sqlite.table.columns.map(\.type), "\(fixture): column types")
        #expect(aws.table.rowCount == sqlite.table.rowCount, "\(fixture): rows")
        #expect(aws.table.columns.map(\.nullCount) == sqlite.table.columns.map(\.nullCount), "\(fixture): null counts")
        #expect(aws.table.columns.map(\.distinctValues) == sqlite.table.columns.map(\.distinctValues), "\(fixture): distinct values")
        #expect(aws.detected == sqlite.detected, "\(fixture): detected dialect")
        let glueColumns = glue?.StorageDescriptor?.Columns ?? []
        #expect(glueColumns.map(\.Name) == sqlite.table.columns.map(\.name), "\(fixture): Glue column names")
        #expect(
            glueColumns.map(\.Type) == sqlite.table.columns.map { GlueTableMapping.athenaType($0.type) },
            "\(fixture): Glue column types are the Athena types of the SQLite types")
    }

    @Test(arguments: fixtures)
    func glueTableHasTheTypesTheSQLitePathInfers(_ fixture: String) async throws {
        let f = try await GlueTestFixture.make()
        let report = try await f.ingest(fixture, as: "t")
        let sqlite = try await Self.sqliteReport(fixture)
        let glue = try await f.store.catalog.table("t", in: f.database)
        #expect(glue != nil)
        Self.assertSameSchema(report, sqlite, glue: glue, fixture)
        #expect(report.replaced == false)
        #expect(report.table.version == 1)
    }

    @Test(arguments: widening)
    func aLateValueWidensTheColumnAsOnSQLite(_ fixture: String, sampleRows: Int) async throws {
        let f = try await GlueTestFixture.make()
        let limits = CSVLimits(sampleRows: sampleRows)
        let report = try await f.ingest(fixture, as: "w", with: f.ingestor(limits: limits, partBytes: 1 << 10))
        let sqlite = try await Self.sqliteReport(fixture, limits: limits)
        Self.assertSameSchema(report, sqlite, glue: try await f.store.catalog.table("w", in: f.database), fixture)
        #expect(report.warnings.contains { $0.contains("did not fit the type inferred") })
        // The abandoned first attempt left no object behind: the parts are exactly those of the final copy.
        let keys = try await f.tableObjects()
        #expect(!keys.isEmpty)
        #expect(Set(keys.map { $0.split(separator: "/").dropLast().joined(separator: "/") }).count == 1)
    }

    @Test func theNormalizedCopyIsTypedTextWithServerSideEncryption() async throws {
        let f = try await GlueTestFixture.make()
        let report = try await f.ingest("basic_types.csv", as: "basic")
        let glue = try #require(try await f.store.catalog.table("basic", in: f.database))
        let storage = GlueTableMapping.storage(glue)
        #expect(storage.location == "s3://\(f.bucket)/\(storage.dataPrefix)")
        #expect(storage.dataPrefix.hasPrefix("tt/tables/\(S3ObjectStore.principalDirectory(f.principal))/basic/v1-"))
        #expect(glue.StorageDescriptor?.SerdeInfo?.SerializationLibrary == "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
        #expect(glue.StorageDescriptor?.SerdeInfo?.Parameters?["serialization.null.format"] == "\\N")
        let keys = try await f.store.data.keys(prefix: storage.dataPrefix)
        #expect(keys == [storage.dataPrefix + "part-00000.tsv"])
        #expect(try await f.store.data.encryption(of: keys[0]) == "AES256")
        let text = String(decoding: try await f.store.data.get(key: keys[0]), as: UTF8.self)
        #expect(
            text == """
                Ada\t3\t1.5\ttrue\t2024-01-05\t2024-01-05 10:30:00
                Bo\t4\t2.25\tfalse\t2024-02-29\t2024-02-29 23:59:59
                Cy\t5\t3.0\ttrue\t2023-12-31\t2023-12-31 00:00:01

                """)
        #expect(report.table.rowCount == 3)
        // The raw file is kept in the object store, encrypted, and named in the table's parameters.
        let raw = try #require(storage.rawObjectKey)
        #expect(try await f.rawFiles.head(key: raw).serverSideEncryption == "AES256")
    }

    @Test func textValuesAreEscapedAndNullsWrittenAsBackslashN() async throws {
        let f = try await GlueTestFixture.make()
        let csv = "id,note,score\n1,\"line one\nline two\",2.5\n2,\"tab\there \\N\",NA\n3,,7\n"
        _ = try await f.ingest(text: csv, as: "notes")
        let glue = try #require(try await f.store.catalog.table("notes", in: f.database))
        let prefix = GlueTableMapping.storage(glue).dataPrefix
        let text = String(decoding: try await f.store.data.get(key: prefix + "part-00000.tsv"), as: UTF8.self)
        #expect(text == "1\tline one\\nline two\t2.5\n2\ttab\\\there \\\\N\t\\N\n3\t\\N\t7.0\n")
    }

    @Test func partsSplitALargeCopyAndTheRowsAllArrive() async throws {
        let f = try await GlueTestFixture.make()
        let rows = (1...2000).map { "\($0),name \($0),\(Double($0) / 4)" }.joined(separator: "\n")
        let report = try await f.ingest(text: "id,name,value\n" + rows + "\n", as: "big", with: f.ingestor(partBytes: 8 << 10))
        #expect(report.table.rowCount == 2000)
        let keys = try await f.tableObjects().sorted()
        #expect(keys.count > 3)
        var lines = 0
        for key in keys { lines += String(decoding: try await f.store.data.get(key: key), as: UTF8.self).split(separator: "\n").count }
        #expect(lines == 2000)
    }

    @Test func reingestSwapsTheTableAndDeletesTheOldVersion() async throws {
        let f = try await GlueTestFixture.make()
        let first = try await f.ingest(text: "city,people\nOslo,700000\nBergen,290000\n", as: "Cities")
        #expect(first.table.name == "cities")
        let before = try #require(try await f.store.catalog.table("cities", in: f.database))
        let oldPrefix = GlueTableMapping.storage(before).dataPrefix
        let oldRaw = try #require(GlueTableMapping.storage(before).rawObjectKey)
        let second = try await f.ingest(text: "city,people,area\nOslo,700000.5,454\n", as: "cities")
        #expect(second.replaced)
        #expect(second.table.version == 2)
        #expect(second.changedColumns == ["people: INTEGER→REAL", "+area"])
        let after = try #require(try await f.store.catalog.table("cities", in: f.database))
        let newPrefix = GlueTableMapping.storage(after).dataPrefix
        #expect(newPrefix != oldPrefix)
        #expect(newPrefix.contains("/cities/v2-"))
        #expect(after.StorageDescriptor?.Location == "s3://\(f.bucket)/\(newPrefix)")
        #expect(after.StorageDescriptor?.Columns?.map(\.Type) == ["string", "double", "bigint"])
        #expect(try await f.store.data.keys(prefix: oldPrefix).isEmpty, "the old version's data is deleted after the swap")
        #expect(try await f.store.data.keys(prefix: newPrefix).count == 1)
        #expect(await f.rawFiles.exists(key: oldRaw) == false, "the replaced raw file is deleted")
        #expect(try await f.rawObjects().count == 1)
        #expect(try await f.engine().describe(table: "cities", for: f.principal).rowCount == 1)
    }

    @Test(arguments: [
        ("ragged_long_row.csv", TableTalkError.Kind.csvRaggedRow), ("unclosed_quote.csv", .csvUnclosedQuote),
        ("binary_png_renamed.csv", .notCSV), ("header_only.csv", .csvEmpty),
    ])
    func aFailedIngestLeavesNothing(_ fixture: String, kind: TableTalkError.Kind) async throws {
        let f = try await GlueTestFixture.make()
        let phases = IngestPhaseLog()
        let file = try GlueTestFixture.copy(GlueTestFixture.fixture(fixture))
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try await f.ingestor().ingest(file: file, table: "bad", sourceName: fixture, for: f.principal) { phases.add($0.phase) }
            Issue.record("\(fixture) was ingested")
        } catch let error as TableTalkError {
            #expect(error.kind == kind, "\(fixture): \(error)")
        }
        #expect(phases.all.last == .failed)
        #expect(try await f.store.catalog.table("bad", in: f.database) == nil)
        #expect(try await f.store.catalog.databaseExists(f.database) == false, "nothing is registered, not even the database")
        #expect(try await f.tableObjects().isEmpty)
        #expect(try await f.rawObjects().isEmpty)
    }

    @Test func aFailedReingestKeepsTheTableItReplaces() async throws {
        let f = try await GlueTestFixture.make()
        _ = try await f.ingest(text: "a,b\n1,2\n", as: "keep")
        let before = try #require(try await f.store.catalog.table("keep", in: f.database))
        await #expect(throws: TableTalkError.self) { _ = try await f.ingest("ragged_long_row.csv", as: "keep") }
        let after = try #require(try await f.store.catalog.table("keep", in: f.database))
        #expect(after.StorageDescriptor?.Location == before.StorageDescriptor?.Location)
        let keys = try await f.tableObjects()
        #expect(keys.count == 1 && keys[0].hasPrefix(GlueTableMapping.storage(before).dataPrefix))
        #expect(try await f.rawObjects().count == 1)
    }

    @Test func aCancelledIngestRemovesThePartsItWrote() async throws {
        let f = try await GlueTestFixture.make()
        let rows = (1...3000).map { "\($0),name \($0)" }.joined(separator: "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tt-glue-\(UUID().uuidString).csv")
        try Data(("id,name\n" + rows + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let phases = IngestPhaseLog()
        let (ingestor, principal) = (f.ingestor(partBytes: 4 << 10), f.principal)
        // The ingest runs in a task of its own, cancelled from its progress callback (which runs on that task)
        // once a part is in S3; the test's own task stays live for the checks.
        let ingest = Task {
            try await ingestor.ingest(file: file, table: "big", sourceName: "big.csv", for: principal) { p in
                phases.add(p.phase)
                if p.phase == .loading && p.rows > 0 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        switch await ingest.result {
        case .success: Issue.record("a cancelled ingest finished")
        case .failure(let error): #expect(error is CancellationError, "\(error)")
        }
        #expect(phases.all.contains(.loading), "a part was written before the cancel")
        #expect(phases.all.last == .failed)
        #expect(try await f.store.catalog.table("big", in: f.database) == nil)
        #expect(try await f.tableObjects().isEmpty, "the parts written before the cancel are deleted")
    }

    @Test func progressRunsParsingLoadingReady() async throws {
        let f = try await GlueTestFixture.make()
        let phases = IngestPhaseLog()
        let file = try GlueTestFixture.copy(GlueTestFixture.fixture("basic_types.csv"))
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await f.ingestor().ingest(file: file, table: "", sourceName: "Basic Types.csv", for: f.principal) { phases.add($0.phase) }
        #expect(phases.all.first == .parsing)
        #expect(phases.all.contains(.loading))
        #expect(phases.all.last == .ready)
        #expect(try await f.store.catalog.table("basic_types", in: f.database) != nil, "the table is named after the file")
    }
}

/// Progress phases as an ingest reports them.
final class IngestPhaseLog: Sendable {
    private let phases = Mutex<[IngestProgress.Phase]>([])
    func add(_ phase: IngestProgress.Phase) { phases.withLock { $0.append(phase) } }
    var all: [IngestProgress.Phase] { phases.withLock { $0 } }
}
