public import Foundation
public import TableTalkCSV
public import TableTalkCore

/// The AWS ``CSVIngestor``: infers the schema with the embedded path's inference (`TableTalkCSV`, so a file gets
/// the same column names and types on both deployments), writes a typed, normalized copy of the rows to S3 under
/// `<prefix>/tables/<principal>/<table>/v<version>-<id>/` and registers a Glue table over it in the principal's
/// database (created on first use), so Athena can query it.
///
/// **Data layout: typed delimited text, not Parquet.** Every value is written once in the form Athena's
/// LazySimpleSerDe reads as the column's type (`bigint`, `double`, `boolean`, `date`, `timestamp`, `string`; NULL
/// as `\N`; see ``NormalizedRowEncoder``). The decisions that matter (number style, date order, widening a column
/// when a late value does not fit) are made here by the same decoders as the SQLite load, so both deployments
/// hold the same values. Parquet through Athena CTAS would scan less, but it needs a readable staging table
/// anyway, runs a query (and its cost) per upload, and cannot be exercised without real Athena; the text copy
/// can be converted later without changing the catalog contract.
///
/// **Atomic swap.** The new copy goes under a fresh version prefix; only then does the Glue table point at it
/// (CreateTable, or UpdateTable with the `VersionId` read before, so a concurrent change is refused rather than
/// lost), and only after that is the previous version's prefix deleted. A failure before the swap deletes the
/// new prefix and registers nothing; queries see either the old table or the new one.
///
/// ```swift
/// let store = GlueTableStore(client: aws, bucket: "tabletalk-data", prefix: "prod")
/// let ingestor = GlueIngestor(store: store, objectStore: S3ObjectStore(client: aws, bucket: "tabletalk-data", prefix: "prod"))
/// let report = try await ingestor.ingest(file: url, table: "sales", sourceName: "sales.csv", for: principal) { print($0) }
/// ```
public struct GlueIngestor: CSVIngestor {
    public let store: GlueTableStore
    /// Keeps a copy of the raw file (the caller's file is left in place); nil keeps none.
    public let objectStore: (any ObjectStore)?
    public var limits: CSVLimits
    /// Bytes of normalized text per data object (the last one is shorter).
    public var partBytes: Int

    public init(store: GlueTableStore, objectStore: (any ObjectStore)? = nil, limits: CSVLimits = CSVLimits(), partBytes: Int = 32 << 20) {
        self.store = store
        self.objectStore = objectStore
        self.limits = limits
        self.partBytes = max(partBytes, 1 << 10)
    }

    public func ingest(
        file: URL, table: String, sourceName: String, for principal: Principal,
        progress: @escaping @Sendable (IngestProgress) -> Void
    ) async throws -> IngestReport {
        let path = file.path
        let total = Int64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        let name = GlueNames.table(table.isEmpty ? GlueNames.stem(sourceName) : table)
        let database = store.database(for: principal)
        var written: String?
        var rawKey: String?
        do {
            progress(IngestProgress(phase: .parsing, bytesRead: 0, totalBytes: total, rows: 0))
            let (dialect, encodingWarnings) = try SchemaInference.sniff(path: path)
            var schema = try SchemaInference.infer(path: path, dialect: dialect, limits: limits, shouldStop: { Task.isCancelled })
            let old = try await store.catalog.table(name, in: database)
            let oldInfo = old.map(GlueTableMapping.tableInfo)
            let version = (oldInfo?.version ?? 0) + 1
            let prefix = store.dataPrefix(principal, table: name, version: version, id: Self.shortID())
            written = prefix
            progress(IngestProgress(phase: .loading, bytesRead: 0, totalBytes: total, rows: 0))
            var warnings = encodingWarnings + schema.warnings
            let encoder = try await writeWidening(
                &schema, path: path, prefix: prefix, total: total, warnings: &warnings, progress: progress)
            rawKey = try await keepRawFile(file, table: name, principal: principal, warnings: &warnings)
            let columns = zip(schema.columns, encoder.stats).map { column, stats in
                ColumnInfo(
                    name: column.name, label: column.label, type: column.type, nullCount: stats.nullCount,
                    examples: stats.examples, distinctValues: stats.distinctValues, distinctCount: stats.distinctCount,
                    notes: column.notes)
            }
            let info = TableInfo(
                name: name, sourceFile: sourceName, rowCount: encoder.rows, columns: columns,
                createdAt: GlueTableMapping.milliseconds(Date()), version: version)
            let input = GlueTableMapping.tableInput(
                info, storage: GlueTableMapping.Storage(location: store.data.uri(prefix), dataPrefix: prefix, rawObjectKey: rawKey))
            try await register(input, replacing: old, in: database)
            written = nil
            rawKey = nil
            warnings += encoder.warnings
            for c in columns { for note in c.notes where note.hasPrefix("ambiguous") { warnings.append("\(c.name): \(note)") } }
            if let old { await removeReplaced(old, warnings: &warnings) }
            progress(IngestProgress(phase: .ready, bytesRead: total, totalBytes: total, rows: info.rowCount))
            return IngestReport(
                table: info, replaced: old != nil, changedColumns: info.changedColumns(since: oldInfo),
                detected: [
                    "encoding": dialect.encoding.rawValue, "delimiter": dialect.delimiterName,
                    "header": String(schema.dialect.hasHeader),
                    "quoteEscape": dialect.backslashEscapes ? "backslash" : "double",
                ],
                warnings: warnings)
        } catch {
            // In a task of its own: a cancelled ingest must still remove what it wrote.
            let (store, objectStore) = (self.store, self.objectStore)
            await Task {
                if let written { try? await store.data.deleteAll(prefix: written) }
                if let rawKey, let objectStore { try? await objectStore.delete(key: rawKey) }
            }.value
            progress(IngestProgress(phase: .failed, bytesRead: 0, totalBytes: 0, rows: 0))
            throw error
        }
    }

    /// Writes the normalized copy part by part under `prefix`; when a value does not fit its sampled type,
    /// deletes what was written, re-infers from every row (the column widens, as in the SQLite load) and starts
    /// again. Values are never dropped.
    private func writeWidening(
        _ schema: inout InferredSchema, path: String, prefix: String, total: Int64, warnings: inout [String],
        progress: @escaping @Sendable (IngestProgress) -> Void
    ) async throws -> NormalizedRowEncoder {
        var attempt = 0
        while true {
            attempt += 1
            let encoder = try NormalizedRowEncoder(schema: schema, path: path, limits: limits)
            do {
                var part = 0
                while let bytes = try encoder.nextPart(minBytes: partBytes) {
                    try Task.checkCancellation()
                    try await store.data.put(key: prefix + String(format: "part-%05d.tsv", part), bytes: bytes)
                    part += 1
                    progress(IngestProgress(phase: .loading, bytesRead: encoder.bytesRead, totalBytes: total, rows: encoder.rows))
                }
                return encoder
            } catch let w as NormalizedRowEncoder.NeedsWidening {
                try await store.data.deleteAll(prefix: prefix)
                let before = w.column < schema.columns.count ? schema.columns[w.column] : nil
                var wider = try SchemaInference.infer(
                    path: path, dialect: schema.dialect, limits: limits, fullScan: true, knownHeader: schema.dialect.hasHeader,
                    shouldStop: { Task.isCancelled },
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

    /// CreateTable for a new name (the database is created on first use), UpdateTable over the table read before.
    private func register(_ input: GlueWire.TableInput, replacing old: GlueWire.Table?, in database: String) async throws {
        if let old {
            try await store.catalog.updateTable(input, in: database, versionId: old.VersionId)
            return
        }
        try await store.catalog.ensureDatabase(database, description: "TableTalk tables of one user")
        try await store.catalog.createTable(input, in: database)
    }

    /// Deletes the replaced version's data and raw file; a failure only costs storage, so it is a warning.
    private func removeReplaced(_ old: GlueWire.Table, warnings: inout [String]) async {
        let storage = GlueTableMapping.storage(old)
        if !storage.dataPrefix.isEmpty {
            do { try await store.data.deleteAll(prefix: storage.dataPrefix) } catch {
                warnings.append("the previous version's data could not be deleted (\(error))")
            }
        }
        if let raw = storage.rawObjectKey, let objectStore { try? await objectStore.delete(key: raw) }
    }

    /// Copies the raw file into the object store (which may move what it is given) under
    /// `<principal dir>/<table>-<id>.csv`; a failure is a warning, as on the embedded path.
    private func keepRawFile(_ file: URL, table: String, principal: Principal, warnings: inout [String]) async throws -> String? {
        guard let objectStore else { return nil }
        let key = S3ObjectStore.userKey(principal, "\(table)-\(Self.shortID()).csv")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tabletalk-raw-\(UUID().uuidString)")
        do {
            try FileManager.default.copyItem(at: file, to: copy)
            try await objectStore.put(key: key, from: copy)
            try? FileManager.default.removeItem(at: copy)
            return key
        } catch {
            try? FileManager.default.removeItem(at: copy)
            if error is CancellationError { throw error }
            warnings.append("the raw file could not be kept (\(error)); the table cannot be rebuilt from it")
            return nil
        }
    }

    static func shortID() -> String { String(UUID().uuidString.prefix(8)).lowercased() }
}
