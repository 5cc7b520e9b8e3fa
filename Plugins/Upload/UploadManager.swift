public import Foundation
public import TableTalkCore
public import TableTalkProtocol

/// Keeps uploads of every principal: announces, receives parts in strict order, reports progress, and turns a
/// complete file into a table through the ``CSVIngestor`` port. State lives on disk (see ``UploadStore``), so an
/// interrupted upload resumes from ``status(_:principal:)`` even after a restart.
///
/// ```swift
/// let manager = UploadManager(configuration: .init(directory: dataDir.appending(path: "uploads")), ingestor: ingestor)
/// let id = try await manager.begin(name: "sales.csv", size: 1234, sha256: nil, table: nil, principal: .local).uploadId
/// _ = try await manager.receive(id, offset: 0, data: bytes, principal: .local, progress: { _ in })
/// let result = try await manager.finish(id, principal: .local, progress: { print($0.phase) })
/// ```
public actor UploadManager {
    /// Receives `upload.progress` notifications (a connection, every connection of a principal, a progress bar).
    public typealias ProgressSink = @Sendable (UploadProgressNotification) async -> Void

    public nonisolated let configuration: UploadConfiguration
    let store: UploadStore
    let ingestor: any CSVIngestor
    let hasher: (any ContentHasher)?
    /// Where parts go straight from the client when set (S3 presigned part URLs); nil: through this server.
    let directTarget: (any DirectUploadTarget)?
    let importPolicy: ImportPathPolicy
    /// Uploads being finished, by "dir/id", with their current phase (`parsing` or `loading`). Memory only:
    /// a finish interrupted by a restart leaves the upload `receiving` with every byte, ready to finish again.
    var finishing: [String: UploadPhase] = [:]
    /// When each upload last sent a `receiving` notification.
    var lastProgress: [String: ContinuousClock.Instant] = [:]
    /// When each upload's sidecar was last saved (it is not rewritten for every part).
    var lastSaved: [String: Date] = [:]
    /// Sidecars of uploads still receiving, by "dir/id", so a part does not re-read and decode its sidecar.
    /// Filled from disk on first use (after a restart too); `received` is kept here as parts are acknowledged.
    var records: [String: UploadRecord] = [:]
    /// The streamed part (``UploadStreamedPart``) each upload is receiving, by "dir/id". A newer part at the
    /// same offset replaces it (the client retried; the old connection may be stalled for good).
    var partsInFlight: [String: PartInFlight] = [:]
    var nextPartToken: UInt64 = 0
    /// Running checksums of uploads that announced a `sha256`, by "dir/id" (memory only: after a restart the
    /// next part starts a new one, which reads the part file from its first byte).
    var digests: [String: UploadDigestFollower] = [:]

    /// - Parameters:
    ///   - ingestor: builds tables from complete files (and keeps the raw file in the object store).
    ///   - hasher: checks announced `sha256` values; without one, announcing a checksum is refused.
    ///   - directTarget: when given, `upload.begin` returns part URLs of this target and `upload.finish` takes the
    ///     file from it (see ``DirectUploadTarget``); `upload.importFile` still reads local files.
    public init(
        configuration: UploadConfiguration, ingestor: any CSVIngestor, hasher: (any ContentHasher)?,
        directTarget: (any DirectUploadTarget)? = nil
    ) {
        self.configuration = configuration
        self.store = UploadStore(root: configuration.directory)
        self.ingestor = ingestor
        self.hasher = hasher
        self.directTarget = directTarget
        self.importPolicy = ImportPathPolicy(directories: configuration.importDirectories)
    }

    /// Announces an upload; returns its id, suggested part size and `PUT` path (or, with a direct target, the
    /// part URLs).
    public func begin(name: String, size: Int64, sha256: String?, table: String?, principal: Principal) async throws
        -> UploadBeginResult
    {
        if let directTarget {
            return try await beginDirect(name: name, size: size, sha256: sha256, table: table, principal: principal, target: directTarget)
        }
        return try beginLocal(name: name, size: size, sha256: sha256, table: table, principal: principal)
    }

    /// Announces an upload whose parts arrive here (`upload.chunk`, `PUT`, or a copied local file).
    func beginLocal(name: String, size: Int64, sha256: String?, table: String?, principal: Principal) throws -> UploadBeginResult {
        let record = try newRecord(name: name, size: size, sha256: sha256, table: table, principal: principal)
        try store.createPart(record.uploadId, principal)
        try persist(record)
        let partURL = configuration.partURLTemplate?.replacingOccurrences(of: "{uploadId}", with: record.uploadId)
        return UploadBeginResult(uploadId: record.uploadId, chunkSize: configuration.chunkBytes, partUrl: partURL)
    }

    /// Checks the announcement, collects the principal's stale uploads and makes the new upload's sidecar (not saved).
    func newRecord(name: String, size: Int64, sha256: String?, table: String?, principal: Principal) throws -> UploadRecord {
        guard !name.isEmpty else { throw TableTalkError(.invalidArgument, "name must not be empty") }
        guard size >= 0 else { throw TableTalkError(.invalidArgument, "size must not be negative") }
        guard size <= configuration.maxUploadBytes else {
            throw TableTalkError(
                .uploadTooLarge, "\(name) has \(size) bytes; the limit is \(configuration.maxUploadBytes)",
                details: ["size": String(size), "limit": String(configuration.maxUploadBytes)])
        }
        let digest = sha256?.lowercased()
        if let digest {
            guard digest.utf8.count == 64, digest.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
            else { throw TableTalkError(.invalidArgument, "sha256 must be 64 hex digits") }
            guard hasher != nil || directTarget != nil else { throw TableTalkError(.internalFailure, "this server cannot verify sha256 checksums") }
        }
        pruneStale(principal)
        let id = UploadStore.newID()
        let now = Date()
        return UploadRecord(
            uploadId: id, principal: principal.id, name: name, size: size, sha256: digest,
            table: TableNaming.tableName(requested: table, fileName: name), requestedTable: table, received: 0, phase: .receiving, message: nil,
            createdAt: now, updatedAt: now)
    }

    /// Appends `data` at `offset` (which must equal the bytes received so far); returns the new total.
    public func receive(_ id: String, offset: Int64, data: Data, principal: Principal, progress: ProgressSink) async throws
        -> Int64
    {
        var record = try load(id, principal)
        try checkPart(record, offset: offset, length: Int64(data.count), principal: principal)
        guard !data.isEmpty else { return record.received }
        replacePartInFlight(key(id, principal))
        try store.write(data, at: offset, id, principal)
        return try await acknowledge(&record, received: offset + Int64(data.count), principal: principal, progress: progress)
    }

    /// Refuses a part unless the upload is receiving, `offset` is the bytes received so far, and `length` (when
    /// known) fits the part and upload limits.
    func checkPart(_ record: UploadRecord, offset: Int64, length: Int64?, principal: Principal) throws {
        let (id, k) = (record.uploadId, key(record.uploadId, principal))
        guard record.phase == .receiving, finishing[k] == nil else {
            let phase = finishing[k] ?? record.phase
            throw TableTalkError(.invalidArgument, "upload \(id) is \(phase.rawValue); it takes no more parts")
        }
        guard offset == record.received else {
            throw TableTalkError(
                .uploadOffsetMismatch, "upload \(id) has \(record.received) bytes; send the part at offset \(record.received), not \(offset)",
                details: ["expected": String(record.received), "offset": String(offset)])
        }
        guard let length else { return }
        try checkLength(record, offset: offset, length: length)
    }

    /// `uploadTooLarge` when a part of `length` bytes at `offset` is larger than a part or the announced size allows.
    func checkLength(_ record: UploadRecord, offset: Int64, length: Int64) throws {
        guard length <= Int64(configuration.maxPartBytes) else {
            throw TableTalkError(
                .uploadTooLarge, "a part may be at most \(configuration.maxPartBytes) bytes",
                details: ["limit": String(configuration.maxPartBytes)])
        }
        guard offset + length <= record.size else {
            throw TableTalkError(
                .uploadTooLarge, "upload \(record.uploadId) was announced with \(record.size) bytes; this part would bring it to \(offset + length)",
                details: ["size": String(record.size), "received": String(record.received)])
        }
    }

    /// Counts the bytes up to `received` as received: keeps the sidecar current enough and reports progress.
    func acknowledge(_ record: inout UploadRecord, received: Int64, principal: Principal, progress: ProgressSink) async throws -> Int64 {
        let (id, k) = (record.uploadId, key(record.uploadId, principal))
        record.received = received
        record.updatedAt = Date()
        records[k] = record
        if record.sha256 != nil, let hasher {
            if digests[k] == nil {
                digests[k] = UploadDigestFollower(file: store.partURL(id, principal), size: record.size, hasher: hasher)
            }
            digests[k]?.advance(to: received)
        }
        // `received` is read back from the part file's size after a restart, so the sidecar only needs saving
        // now and then (its `updatedAt` keeps an upload from being collected as stale).
        if record.received == record.size || record.updatedAt.timeIntervalSince(lastSaved[k] ?? .distantPast) > 60 {
            try persist(record)
            lastSaved[k] = record.updatedAt
        }
        if shouldReport(id, principal, complete: record.received == record.size) {
            await progress(
                UploadProgressNotification(
                    uploadId: id, phase: .receiving, bytes: record.received, totalBytes: record.size,
                    percent: UploadRecord.percent(record.received, of: record.size)))
        }
        return record.received
    }

    /// Bytes received and phase of an upload of `principal` (of a direct upload: the bytes of the parts the target holds).
    public func status(_ id: String, principal: Principal) async throws -> UploadStatus {
        let record = try load(id, principal)
        var status = record.status
        if let phase = finishing[key(id, principal)] {
            status.phase = phase
        } else if let handle = record.direct, record.phase == .receiving, let directTarget {
            status.received = min(try await directTarget.receivedBytes(of: handle), record.size)
        }
        return status
    }

    /// Deletes an upload's bytes and sidecar (a direct upload's parts too). Refused while it is being parsed or loaded.
    public func abort(_ id: String, principal: Principal) async throws -> UploadAbortResult {
        let record = try load(id, principal)
        guard finishing[key(id, principal)] == nil else {
            throw TableTalkError(.invalidArgument, "upload \(id) is being loaded; cancel the upload.finish request instead")
        }
        if let handle = record.direct, record.phase == .receiving { try await abortDirect(handle) }
        remove(id, principal)
        return UploadAbortResult(uploadId: id, aborted: true)
    }

    // MARK: - Helpers

    func key(_ id: String, _ principal: Principal) -> String { principal.directoryName + "/" + id }

    func load(_ id: String, _ principal: Principal) throws -> UploadRecord {
        let k = key(id, principal)
        if let cached = records[k], cached.principal == principal.id { return cached }
        guard let record = store.load(id, principal) else {
            throw TableTalkError(.uploadNotFound, "no upload \(id) for \(principal.id)", details: ["uploadId": id])
        }
        if record.phase == .receiving { records[k] = record }
        return record
    }

    /// Saves the sidecar and keeps the cache in step (only uploads still receiving are cached).
    func persist(_ record: UploadRecord) throws {
        let k = key(record.uploadId, Principal(record.principal))
        records[k] = nil
        if record.phase != .receiving { forgetDigest(k) }
        try store.save(record)
        if record.phase == .receiving { records[k] = record }
    }

    func forgetDigest(_ key: String) {
        digests[key]?.cancel()
        digests[key] = nil
    }

    /// Deletes an upload's files and everything remembered about it.
    func remove(_ id: String, _ principal: Principal) {
        let k = key(id, principal)
        store.remove(id, principal)
        records[k] = nil
        forgetDigest(k)
        replacePartInFlight(k)
        lastProgress[k] = nil
        lastSaved[k] = nil
    }

    /// True for the first and last part and at most once per `progressInterval` in between.
    func shouldReport(_ id: String, _ principal: Principal, complete: Bool) -> Bool {
        let k = key(id, principal)
        let now = ContinuousClock.now
        if complete {
            lastProgress[k] = nil
            return true
        }
        if let last = lastProgress[k], now - last < configuration.progressInterval { return false }
        lastProgress[k] = now
        return true
    }

    private func pruneStale(_ principal: Principal) {
        let cutoff = Date().addingTimeInterval(-configuration.staleAfter)
        for id in store.stale(principal, before: cutoff) where finishing[key(id, principal)] == nil {
            remove(id, principal)
        }
    }
}
