import Foundation
import TableTalkCSV
import TableTalkCore

/// One ingest, start to finish, on a blocking thread: sniff, infer from a sample, load into a staging table
/// inside one write transaction (re-inferring from the whole file if a value does not fit), then swap the
/// staging table in and update the catalog in that same transaction. Any failure rolls everything back.
struct IngestJob {
    var database: TableDatabase
    var configuration: SQLiteConfiguration
    var principal: Principal
    var path: String
    var table: String
    var sourceName: String
    var objectKey: String?
    var progress: @Sendable (IngestProgress) -> Void
    var stop: StopFlag

    struct Outcome {
        var report: IngestReport
        /// The raw file of the table this ingest replaced, to delete from the object store.
        var replacedObjectKey: String?
    }

    func run() throws -> Outcome {
        if stop.isStopped { throw CancellationError() }
        let total = Int64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        progress(IngestProgress(phase: .parsing, bytesRead: 0, totalBytes: total, rows: 0))
        let (dialect, encodingWarnings) = try SchemaInference.sniff(path: path)
        var schema = try SchemaInference.infer(
            path: path, dialect: dialect, limits: configuration.limits, shouldStop: { stop.isStopped })
        progress(IngestProgress(phase: .loading, bytesRead: 0, totalBytes: total, rows: 0))
        let writer = try database.openWriter(for: principal)
        try writer.execute("PRAGMA cache_size=-\(configuration.loadCacheKiB)")
        // The commit does not copy the WAL back into the database; a background checkpoint does, after the
        // table is already queryable (readers see it through the WAL meanwhile).
        try writer.execute("PRAGMA wal_autocheckpoint=0")
        defer { BackgroundCheckpoint.schedule(writer) }
        let name = TableNames.normalize(table)
        return try writer.transaction {
            var warnings = encodingWarnings + schema.warnings
            let (result, finalSchema) = try loadWidening(&schema, writer: writer, total: total, warnings: &warnings)
            let stage = "_tabletalk_stage"
            let old = try Catalog.entry(named: name, on: writer)
            try writer.execute("DROP TABLE IF EXISTS \(quoteIdentifier(old?.info.name ?? name))")
            try OriginalValues.forget(table: old?.info.name ?? name, on: writer)
            try writer.execute("ALTER TABLE \(quoteIdentifier(stage)) RENAME TO \(quoteIdentifier(name))")
            let columns = zip(finalSchema.columns, result.stats).map { column, stats in
                ColumnInfo(
                    name: column.name, label: column.label, type: column.type, nullCount: stats.nullCount,
                    examples: stats.examples, distinctValues: stats.distinctValues, distinctCount: stats.distinctCount,
                    notes: column.notes)
            }
            let info = TableInfo(
                name: name, sourceFile: sourceName, rowCount: result.rows, columns: columns, createdAt: Date(),
                version: (old?.info.version ?? 0) + 1)
            try Catalog.upsert(CatalogEntry(info: info, objectKey: objectKey), on: writer)
            try Catalog.bumpGeneration(on: writer)
            warnings += result.warnings
            for c in columns { for note in c.notes where note.hasPrefix("ambiguous") { warnings.append("\(c.name): \(note)") } }
            let report = IngestReport(
                table: info, replaced: old != nil, changedColumns: info.changedColumns(since: old?.info),
                detected: [
                    "encoding": dialect.encoding.rawValue, "delimiter": dialect.delimiterName,
                    "header": String(finalSchema.dialect.hasHeader),
                    "quoteEscape": dialect.backslashEscapes ? "backslash" : "double",
                ],
                warnings: warnings)
            return Outcome(report: report, replacedObjectKey: old?.objectKey)
        }
    }

    /// Loads into the staging table; when a value does not fit its sampled type, rolls the attempt back,
    /// re-infers from every row (so the column widens: INTEGER→REAL, anything→TEXT, or the date order flips)
    /// and loads again. Values are never dropped.
    private func loadWidening(
        _ schema: inout InferredSchema, writer: SQLiteConnection, total: Int64, warnings: inout [String]
    ) throws -> (TableLoader.Result, InferredSchema)
    {
        var attempt = 0
        while true {
            attempt += 1
            try writer.execute("SAVEPOINT load")
            let loader = TableLoader(
                connection: writer, schema: schema, path: path, limits: configuration.limits, progress: progress,
                shouldStop: { stop.isStopped })
            do {
                let result = try loader.load(into: "_tabletalk_stage")
                try writer.execute("RELEASE load")
                return (result, schema)
            } catch let w as TableLoader.NeedsWidening {
                try writer.execute("ROLLBACK TO load; RELEASE load")
                let before = w.column < schema.columns.count ? schema.columns[w.column] : nil
                var wider = try SchemaInference.infer(
                    path: path, dialect: schema.dialect, limits: configuration.limits, fullScan: true,
                    knownHeader: schema.dialect.hasHeader, shouldStop: { stop.isStopped },
                    onProgress: { bytes, rows in
                        progress(IngestProgress(phase: .parsing, bytesRead: bytes, totalBytes: total, rows: rows))
                    })
                if attempt >= 3, w.column < wider.columns.count {
                    wider.columns[w.column].decoder = ColumnDecoder(.text)
                }
                let after = w.column < wider.columns.count ? wider.columns[w.column] : nil
                let what = before.map { "\($0.name) (\($0.type.rawValue))" } ?? "column \(w.column + 1)"
                warnings.append(
                    "line \(w.line): value '\(w.value)' in \(what) did not fit the type inferred from the first "
                        + "\(schema.sampledRows) rows; re-read the whole file"
                        + (after.map { " and stored the column as \($0.type.rawValue)" } ?? ""))
                schema = wider
            }
        }
    }
}
