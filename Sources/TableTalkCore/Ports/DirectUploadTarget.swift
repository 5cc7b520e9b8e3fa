public import Foundation

/// A store that takes an upload's parts straight from the client (S3 multipart uploads through presigned part
/// URLs), so the bytes never pass through this server. The upload capability uses it when one is configured and
/// knows nothing else about it: it asks for part URLs, then for the verified object, then for a local file to
/// ingest. Without one, uploads arrive through `upload.chunk`/`PUT` as before.
///
/// Failures are ``TableTalkError``s: `uploadNotFound` (the target no longer knows the upload), `uploadIncomplete`
/// (parts missing or of the wrong size; the upload stays open so the client can send them and finish again),
/// `uploadChecksumMismatch` (the completed object's size or SHA-256 is not the announced one; the object is
/// deleted), `internalFailure` (the store refused or is unreachable; worth another try).
public protocol DirectUploadTarget: Sendable {
    /// Starts a direct upload of `size` bytes named `name` for `principal`. `partSize` is the caller's wish; the
    /// target raises it to what it needs (S3: at least 5 MiB, at most 10 000 parts), see the handle's `partSize`.
    func begin(name: String, size: Int64, partSize: Int, principal: Principal) async throws -> DirectUploadHandle

    /// Fresh URLs for `partNumbers` (all parts when nil), each valid until the returned `expiresAt`.
    func partURLs(for upload: DirectUploadHandle, partNumbers: [Int]?) async throws -> DirectUploadPartURLs

    /// Bytes of the parts the target holds so far (for `upload.status`).
    func receivedBytes(of upload: DirectUploadHandle) async throws -> Int64

    /// Joins the parts into one object after checking that every planned part arrived with its planned size,
    /// then checks the object's total size and, when given, its SHA-256 (lower-case hex) by reading it back.
    /// Returns the object's key. A mismatch deletes the object and throws; nothing is left half done.
    func completeAndVerify(_ upload: DirectUploadHandle, sha256: String?) async throws -> String

    /// A local file with the bytes of the completed object `key` (downloaded; the caller removes it).
    func localFile(forKey key: String) async throws -> URL

    /// Deletes the completed object `key` (after its ingest, or when it was refused).
    func delete(key: String) async throws

    /// Drops an unfinished upload and the parts received so far.
    func abort(_ upload: DirectUploadHandle) async throws

    /// Aborts `principal`'s unfinished uploads started before `date` (the server's own cleanup; the bucket's
    /// lifecycle rule catches the rest). Returns how many were aborted.
    func abortStale(of principal: Principal, startedBefore date: Date) async throws -> Int
}
