public import Foundation
public import TableTalkCore

/// The embedded ``CSVIngestor``: turns a CSV file into a typed table in the principal's SQLite database.
///
/// ```swift
/// let ingestor = SQLiteIngestor(dataDirectory: dataDir, objectStore: LocalObjectStore(root: dataDir.appending(path: "objects")))
/// let report = try await ingestor.ingest(file: url, table: "sales", sourceName: "sales.csv", for: .local) { p in print(p) }
/// ```
///
/// The whole ingest (staging table, rows, swap, catalog) is one write transaction: a failure leaves nothing
/// behind and a re-ingest under the same name replaces the table atomically. The raw file goes to the object
/// store afterwards (see ``SQLiteConfiguration/RawFilePolicy``), so a table can be rebuilt later.
public struct SQLiteIngestor: CSVIngestor {
    public let layout: SQLiteLayout
    public let objectStore: (any ObjectStore)?
    public let configuration: SQLiteConfiguration

    public init(dataDirectory: URL, objectStore: (any ObjectStore)? = nil, configuration: SQLiteConfiguration = .init()) {
        layout = SQLiteLayout(dataDirectory: dataDirectory)
        self.objectStore = objectStore
        self.configuration = configuration
    }

    public func ingest(
        file: URL, table: String, sourceName: String, for principal: Principal,
        progress: @escaping @Sendable (IngestProgress) -> Void
    ) async throws -> IngestReport {
        let size = fileSize(file)
        let name = TableNames.normalize(table.isEmpty ? TableNames.stem(sourceName) : table)
        let keep = objectStore != nil && configuration.rawFiles != .none
        let key = keep ? Self.objectKey(table: name, principal: principal) : nil
        let job = IngestJob(
            database: TableDatabase(layout: layout, busyTimeoutMs: configuration.busyTimeoutMs),
            configuration: configuration, principal: principal, path: file.path, table: name, sourceName: sourceName,
            objectKey: key, progress: progress, stop: StopFlag())
        let outcome: IngestJob.Outcome
        do {
            outcome = try await withTaskCancellationHandler {
                try await BlockingExecutor.run { try job.run() }
            } onCancel: {
                job.stop.stop()
            }
        } catch {
            progress(IngestProgress(phase: .failed, bytesRead: 0, totalBytes: 0, rows: 0))
            throw error
        }
        var report = outcome.report
        if let key, let store = objectStore {
            do {
                try await storeRawFile(file, key: key, in: store)
            } catch {
                report.warnings.append("the raw file could not be kept (\(error)); the table cannot be rebuilt from it")
            }
            if let old = outcome.replacedObjectKey, old != key { try? await store.delete(key: old) }
        }
        progress(IngestProgress(phase: .ready, bytesRead: size, totalBytes: size, rows: report.table.rowCount))
        return report
    }

    private func storeRawFile(_ file: URL, key: String, in store: any ObjectStore) async throws {
        switch configuration.rawFiles {
        case .none: return
        case .move: try await store.put(key: key, from: file)
        case .copy:
            let fm = FileManager.default
            try fm.createDirectory(at: layout.temporaryDirectory, withIntermediateDirectories: true)
            let tmp = layout.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try fm.copyItem(at: file, to: tmp)
            do { try await store.put(key: key, from: tmp) } catch {
                try? fm.removeItem(at: tmp)
                throw error
            }
        }
    }

    /// `<principal dir>/<table>-<8 hex>.csv`, ASCII only (non-ASCII letters of a table name become `_`).
    static func objectKey(table: String, principal: Principal) -> String {
        let safe = String(
            table.unicodeScalars.map { s in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_") ? Character(s) : "_"
            })
        return "\(SQLiteLayout.directoryName(for: principal))/\(safe)-\(UUID().uuidString.prefix(8).lowercased()).csv"
    }

    private func fileSize(_ file: URL) -> Int64 {
        Int64((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0)
    }
}
