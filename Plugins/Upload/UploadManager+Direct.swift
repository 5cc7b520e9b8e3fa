public import Foundation
public import TableTalkCore
public import TableTalkProtocol

/// Direct uploads: the client `PUT`s the parts to the ``DirectUploadTarget``'s URLs (S3 presigned part URLs) and
/// this server only plans, completes, verifies and ingests. A client that sends the bytes through us instead
/// (`upload.chunk`, `PUT /uploads/{id}`) is served as on the embedded deployment: a finish with every byte here
/// aborts the target's upload and ingests the local file, so no client has to know which deployment it talks to. The upload's sidecar keeps the target's handle, so
/// `upload.status`, `upload.partUrls`, `upload.finish` and `upload.abort` work after a restart too.
extension UploadManager {
    /// `upload.begin` with a direct target: the target's upload plus URLs for every part.
    func beginDirect(
        name: String, size: Int64, sha256: String?, table: String?, principal: Principal, target: any DirectUploadTarget
    ) async throws -> UploadBeginResult {
        var record = try newRecord(name: name, size: size, sha256: sha256, table: table, principal: principal)
        // The target's own leftovers of this principal (the bucket's lifecycle rule catches the rest).
        _ = try? await target.abortStale(of: principal, startedBefore: Date().addingTimeInterval(-configuration.staleAfter))
        let handle = try await target.begin(name: name, size: size, partSize: configuration.chunkBytes, principal: principal)
        let urls: DirectUploadPartURLs
        do {
            urls = try await target.partURLs(for: handle, partNumbers: nil)
            record.direct = handle
            // Parts may also come through us (upload.chunk over stdio, PUT): the same protocol on every deployment.
            try store.createPart(record.uploadId, principal)
            try persist(record)
        } catch {
            try? await target.abort(handle)
            throw error
        }
        return UploadBeginResult(
            uploadId: record.uploadId, chunkSize: handle.partSize, partUrl: nil, partUrls: urls.parts.map(Self.wire),
            partUrlsExpireAt: WireMapping.iso8601(urls.expiresAt))
    }

    /// `upload.partUrls`: fresh URLs for `partNumbers` (all when nil) of a direct upload still receiving.
    public func partURLs(_ id: String, partNumbers: [Int]?, principal: Principal) async throws -> UploadPartUrlsResult {
        let record = try load(id, principal)
        guard let handle = record.direct, let directTarget else {
            throw TableTalkError(.invalidArgument, "upload \(id) takes its parts through upload.chunk or PUT; it has no part URLs")
        }
        let phase = finishing[key(id, principal)] ?? record.phase
        guard phase == .receiving else {
            throw TableTalkError(.invalidArgument, "upload \(id) is \(phase.rawValue); it takes no more parts")
        }
        let urls = try await directTarget.partURLs(for: handle, partNumbers: partNumbers)
        return UploadPartUrlsResult(uploadId: id, partUrls: urls.parts.map(Self.wire), partUrlsExpireAt: WireMapping.iso8601(urls.expiresAt))
    }

    /// `upload.finish` of a direct upload: the target completes and verifies the object (size, SHA-256), then the
    /// object is downloaded and ingested as any other file, and deleted from the target afterwards.
    ///
    /// Missing or wrong parts (`uploadIncomplete`) leave the upload receiving, so the client sends them and
    /// finishes again; a checksum mismatch or an upload the target no longer knows fails it (nothing is kept).
    /// A finish cancelled after the completion finds the completed object the next time.
    func finishDirect(
        _ record: inout UploadRecord, principal: Principal, cancellation: CancellationFlag?, progress: @escaping ProgressSink
    ) async throws -> UploadResult {
        let id = record.uploadId
        guard let handle = record.direct, let target = directTarget else {
            throw TableTalkError(.internalFailure, "upload \(id) went to a direct upload target, and none is configured now")
        }
        let k = key(id, principal)
        finishing[k] = .parsing
        defer { finishing[k] = nil }
        try Self.checkCancelled(cancellation)
        // Completing, reading back and downloading can take a while for a large file: a cancelled finish stops them.
        let sha256 = record.sha256
        let fetch = Task { () throws -> (key: String, file: URL) in
            let objectKey = try await target.completeAndVerify(handle, sha256: sha256)
            return (objectKey, try await target.localFile(forKey: objectKey))
        }
        cancellation?.onCancel { fetch.cancel() }
        let objectKey: String, file: URL
        do {
            (objectKey, file) = try await fetch.value
        } catch let error as TableTalkError where error.kind == .uploadChecksumMismatch || error.kind == .uploadNotFound {
            await fail(&record, message: error.message, progress: progress)
            throw error
        } catch {
            if cancellation?.isCancelled == true || Task.isCancelled { throw CancellationError() }
            throw error
        }
        defer { try? FileManager.default.removeItem(at: file) }
        record.received = record.size
        do {
            let result = try await ingest(&record, file: file, principal: principal, cancellation: cancellation, progress: progress)
            try? await target.delete(key: objectKey)
            return result
        } catch {
            if record.phase == .failed { try? await target.delete(key: objectKey) }
            throw error
        }
    }

    /// `upload.abort` of a direct upload: its parts, or its completed object, go too.
    func abortDirect(_ handle: DirectUploadHandle) async throws {
        guard let directTarget else { return }
        try await directTarget.abort(handle)
        try? await directTarget.delete(key: handle.key)
    }

    static func wire(_ url: DirectUploadPartURL) -> UploadPartURL {
        UploadPartURL(partNumber: url.part.partNumber, url: url.url, offset: url.part.offset, length: url.part.length)
    }
}
