public import Foundation
public import TableTalkCore
public import TableTalkProtocol

extension UploadManager {
    /// Verifies size and checksum, then ingests the complete file into a table of `principal`. On failure the upload
    /// becomes `failed` (its bytes are deleted) and no table is left behind; when cancelled it stays `receiving`
    /// with every byte, so `upload.finish` can be sent again.
    public func finish(
        _ id: String, principal: Principal, cancellation: CancellationFlag? = nil, progress: @escaping ProgressSink
    ) async throws -> UploadResult {
        var record = try load(id, principal)
        let k = key(id, principal)
        if let phase = finishing[k] {
            throw TableTalkError(.invalidArgument, "upload \(id) is already \(phase.rawValue); wait for that upload.finish")
        }
        switch record.phase {
        case .ready:
            throw TableTalkError(.invalidArgument, "upload \(id) is already finished (table \(record.table)); see query.describe")
        case .failed:
            throw TableTalkError(.invalidArgument, "upload \(id) failed (\(record.message ?? "unknown error")); begin a new upload")
        case .receiving, .parsing, .loading:
            break
        }
        if let handle = record.direct {
            // Nothing came through us: the parts are in the target.
            guard record.received > 0 || record.size == 0 else {
                return try await finishDirect(&record, principal: principal, cancellation: cancellation, progress: progress)
            }
            // The bytes came through us (upload.chunk / PUT): the target's upload is not needed.
            if record.received == record.size {
                try? await abortDirect(handle)
                record.direct = nil
                try persist(record)
            }
        }
        guard record.received == record.size else {
            throw TableTalkError(
                .uploadIncomplete, "upload \(id) has \(record.received) of \(record.size) bytes; send the rest from offset \(record.received)",
                details: ["expected": String(record.received), "received": String(record.received), "size": String(record.size)])
        }
        finishing[k] = .parsing
        defer { finishing[k] = nil }
        let file = store.partURL(id, principal)
        try Self.checkCancelled(cancellation)
        if let expected = record.sha256, let hasher {
            // Mostly hashed while the parts arrived; otherwise (restart, no running digest) hash the file now.
            let hashed = await digests[k]?.digest()
            let actual: String
            if let hashed { actual = hashed } else { actual = try await hasher.sha256(of: file) }
            guard actual == expected else {
                let message = "the received bytes have sha256 \(actual), not the announced \(expected)"
                await fail(&record, message: message, progress: progress)
                throw TableTalkError(.uploadChecksumMismatch, message, details: ["expected": expected, "actual": actual])
            }
        }
        try Self.checkCancelled(cancellation)
        return try await ingest(&record, file: file, principal: principal, cancellation: cancellation, progress: progress)
    }

    /// `upload.importFile`: imports a file inside the configured import directories.
    public func importFile(
        path: String, table: String?, principal: Principal, cancellation: CancellationFlag? = nil,
        progress: @escaping ProgressSink
    ) async throws -> UploadResult {
        let url = try importPolicy.resolve(path)
        return try await importLocalFile(url, table: table, principal: principal, cancellation: cancellation, progress: progress)
    }

    /// Imports any local file the process can read (the `tabletalk import` command; no directory check).
    /// The file is copied first (outside the actor and off the cooperative pool, so other requests keep flowing),
    /// so the caller's file is never moved or changed. Only regular files: a FIFO or a device is refused at once
    /// (``RegularFileCopy``) instead of blocking the process.
    public nonisolated func importLocalFile(
        _ url: URL, table: String?, principal: Principal, cancellation: CancellationFlag? = nil,
        progress: @escaping ProgressSink
    ) async throws -> UploadResult {
        try RegularFileCopy.checkRegular(url.path)
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
        let id = try await beginLocal(name: url.lastPathComponent, size: size, sha256: nil, table: table, principal: principal).uploadId
        do {
            do {
                _ = try await RegularFileCopy.copy(url, to: store.partURL(id, principal))
            } catch let e as TableTalkError {
                throw e
            } catch {
                throw TableTalkError(.invalidArgument, "cannot read \(url.path): \(error.localizedDescription)", details: ["path": url.path])
            }
            try await touch(id, principal)
            await progress(.init(uploadId: id, phase: .receiving, bytes: size, totalBytes: size, percent: 100))
            let result = try await finish(id, principal: principal, cancellation: cancellation, progress: progress)
            await forget(id, principal)
            return result
        } catch {
            await forget(id, principal)  // an import has nothing to resume
            throw error
        }
    }

    /// Re-reads the part's size into the sidecar (after it was written outside ``receive(_:offset:data:principal:progress:)``).
    private func touch(_ id: String, _ principal: Principal) throws {
        records[key(id, principal)] = nil  // the part file changed behind the cache
        var record = try load(id, principal)
        record.updatedAt = Date()
        try persist(record)
    }

    private func forget(_ id: String, _ principal: Principal) {
        if finishing[key(id, principal)] == nil { remove(id, principal) }
    }

    // MARK: - Steps

    func ingest(
        _ record: inout UploadRecord, file: URL, principal: Principal, cancellation: CancellationFlag?,
        progress: @escaping ProgressSink
    ) async throws -> UploadResult {
        let id = record.uploadId
        let k = key(id, principal)
        await progress(.init(uploadId: id, phase: .parsing, bytes: 0, totalBytes: record.size, percent: 0))
        let relay = IngestProgressRelay(uploadId: id, interval: configuration.progressInterval, sink: progress) { phase in
            await self.noteFinishingPhase(k, phase)
        }
        let ingestor = self.ingestor
        let (table, name) = (record.requestedTable ?? record.table, record.name)
        let task = Task {
            try await ingestor.ingest(file: file, table: table, sourceName: name, for: principal) { relay.yield($0) }
        }
        cancellation?.onCancel { task.cancel() }
        let report: IngestReport
        do {
            report = try await task.value
            await relay.finish()
        } catch {
            await relay.finish()
            if error is CancellationError || cancellation?.isCancelled == true || Task.isCancelled {
                throw CancellationError()
            }
            let message = (error as? TableTalkError)?.message ?? String(describing: error)
            await fail(&record, message: message, progress: progress)
            throw error
        }
        record.phase = .ready
        record.table = report.table.name
        record.message = nil
        record.updatedAt = Date()
        try? persist(record)
        store.removePart(id, principal)
        await progress(
            .init(uploadId: id, phase: .ready, bytes: record.size, totalBytes: record.size, rows: report.table.rowCount, percent: 100))
        return WireMapping.result(report, uploadId: id)
    }

    /// Marks the upload failed, deletes its bytes and reports `failed`.
    func fail(_ record: inout UploadRecord, message: String, progress: ProgressSink) async {
        record.phase = .failed
        record.message = message
        record.updatedAt = Date()
        try? persist(record)
        store.removePart(record.uploadId, Principal(record.principal))
        await progress(
            .init(uploadId: record.uploadId, phase: .failed, bytes: record.received, totalBytes: record.size, percent: 0, message: message))
    }

    func noteFinishingPhase(_ key: String, _ phase: UploadPhase) {
        if finishing[key] != nil { finishing[key] = phase }
    }

    static func checkCancelled(_ flag: CancellationFlag?) throws {
        if flag?.isCancelled == true || Task.isCancelled { throw CancellationError() }
    }
}
