public import Foundation
public import TableTalkCore
import Crypto

/// The ``DirectUploadTarget`` on S3: each upload is a multipart upload of
/// `<prefix>/users/<principal>/uploads/<start time>-<random>/<name>` whose parts the client `PUT`s to presigned
/// `UploadPart` URLs; finishing lists the parts S3 holds, checks them against the plan, completes the upload and reads the
/// object back to check its size and SHA-256.
///
/// S3 keeps no SHA-256 of a whole multipart object (its ETag is an MD5 of the parts' MD5s, and additional
/// checksums are per part or a checksum of checksums), so the announced `sha256` can only be checked by reading
/// the completed object once, as a stream (``S3ObjectStore/chunks(for:)``); a mismatch deletes the object.
///
/// ```swift
/// let store = S3ObjectStore(client: aws, bucket: "tabletalk-data", prefix: "prod")
/// let uploads = UploadManager(configuration: configuration, ingestor: ingestor, hasher: hasher,
///                             directTarget: S3DirectUploads(store: store, partURLLifetime: .seconds(3600)))
/// ```
public struct S3DirectUploads: DirectUploadTarget {
    public let store: S3ObjectStore
    /// How long a part URL works.
    public var partURLLifetime: Duration

    /// S3's smallest part but the last, and its most parts per upload.
    public static let minimumPartSize = 5 << 20
    public static let maximumParts = 10_000

    public init(store: S3ObjectStore, partURLLifetime: Duration = .seconds(3600)) {
        self.store = store
        self.partURLLifetime = partURLLifetime
    }

    var multipart: S3MultipartUploads { store.multipart }

    /// The part size S3 accepts for `size` bytes closest to `wish`.
    public static func partSize(size: Int64, wish: Int) -> Int {
        let fewest = Int((size + Int64(maximumParts) - 1) / Int64(maximumParts))
        return max(wish, minimumPartSize, fewest)
    }

    public func begin(name: String, size: Int64, partSize: Int, principal: Principal) async throws -> DirectUploadHandle {
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let started = Int(Date().timeIntervalSince1970)
        let key = S3ObjectStore.userKey(principal, "uploads/\(started)-\(id)/\(Self.safeName(name))")
        let bucketKey = try store.bucketKey(for: key)
        let uploadId = try await S3Errors.mapped(name) { try await multipart.create(key: bucketKey) }
        return DirectUploadHandle(targetId: uploadId, key: key, size: size, partSize: Self.partSize(size: size, wish: partSize))
    }

    public func partURLs(for upload: DirectUploadHandle, partNumbers: [Int]?) async throws -> DirectUploadPartURLs {
        let plan = upload.parts
        let wanted: [DirectUploadPart]
        if let partNumbers {
            let numbers = Set(partNumbers)
            if let bad = numbers.first(where: { $0 < 1 || $0 > plan.count }) {
                throw TableTalkError(.invalidArgument, "the upload has parts 1…\(plan.count); there is no part \(bad)")
            }
            wanted = plan.filter { numbers.contains($0.partNumber) }
        } else {
            wanted = plan
        }
        let now = Date()
        let bucketKey = try store.bucketKey(for: upload.key)
        let urls = try wanted.map { part in
            DirectUploadPartURL(
                part: part,
                url: try multipart.presignedPartURL(
                    key: bucketKey, uploadId: upload.targetId, partNumber: part.partNumber, expires: partURLLifetime, date: now))
        }
        return DirectUploadPartURLs(parts: urls, expiresAt: now.addingTimeInterval(TimeInterval(partURLLifetime.components.seconds)))
    }

    public func receivedBytes(of upload: DirectUploadHandle) async throws -> Int64 {
        let bucketKey = try store.bucketKey(for: upload.key)
        let parts = try await S3Errors.mapped("upload \(upload.key)") { try await multipart.listParts(key: bucketKey, uploadId: upload.targetId) }
        return parts.reduce(0) { $0 + $1.size }
    }

    public func completeAndVerify(_ upload: DirectUploadHandle, sha256: String?) async throws -> String {
        let bucketKey = try store.bucketKey(for: upload.key)
        let held: [S3UploadedPart]
        do {
            held = try await multipart.listParts(key: bucketKey, uploadId: upload.targetId)
        } catch let error as AWSError where error.code == "NoSuchUpload" {
            // Completed by an earlier finish that was interrupted before its checks: check the object again.
            guard (try? await store.head(key: upload.key)) != nil else { throw S3Errors.domain(error, "upload \(upload.key)") }
            try await verify(upload, sha256: sha256)
            return upload.key
        } catch let error as AWSError {
            throw S3Errors.domain(error, "upload \(upload.key)")
        }
        try Self.checkParts(held, against: upload)
        try await S3Errors.mapped("upload \(upload.key)") {
            try await multipart.complete(key: bucketKey, uploadId: upload.targetId, parts: held.filter { $0.partNumber <= upload.parts.count })
        }
        try await verify(upload, sha256: sha256)
        return upload.key
    }

    /// `uploadIncomplete` unless S3 holds every planned part with its planned size (the client sends a missing or
    /// wrong part again, to a fresh URL from `upload.partUrls`, and finishes again).
    static func checkParts(_ held: [S3UploadedPart], against upload: DirectUploadHandle) throws {
        let byNumber = Dictionary(held.map { ($0.partNumber, $0) }, uniquingKeysWith: { _, last in last })
        var missing: [Int] = [], wrongSize: [Int] = []
        for part in upload.parts {
            guard let got = byNumber[part.partNumber] else {
                missing.append(part.partNumber)
                continue
            }
            if got.size != part.length { wrongSize.append(part.partNumber) }
        }
        guard missing.isEmpty && wrongSize.isEmpty else {
            let received = upload.parts.reduce(Int64(0)) { sum, part in
                sum + (byNumber[part.partNumber].map { $0.size == part.length ? $0.size : 0 } ?? 0)
            }
            var problems: [String] = []
            if !missing.isEmpty { problems.append("parts \(list(missing)) are missing") }
            if !wrongSize.isEmpty { problems.append("parts \(list(wrongSize)) do not have their planned size") }
            throw TableTalkError(
                .uploadIncomplete, "upload \(upload.key): \(problems.joined(separator: "; ")); send them again and finish",
                details: [
                    "missingParts": list(missing), "wrongSizeParts": list(wrongSize), "received": String(received), "size": String(upload.size),
                ])
        }
    }

    /// Checks the completed object's size and, when announced, its SHA-256; deletes it on a mismatch.
    func verify(_ upload: DirectUploadHandle, sha256: String?) async throws {
        let info = try await store.head(key: upload.key)
        guard info.size == upload.size else {
            try? await store.delete(key: upload.key)
            throw TableTalkError(
                .uploadChecksumMismatch, "the completed object has \(info.size) bytes, not the announced \(upload.size)",
                details: ["expectedSize": String(upload.size), "actualSize": String(info.size)])
        }
        guard let expected = sha256?.lowercased() else { return }
        var hash = SHA256()
        for try await chunk in try store.chunks(for: upload.key) { hash.update(data: chunk) }
        let actual = hash.finalize().map { String(format: "%02x", $0) }.joined()
        guard actual == expected else {
            try? await store.delete(key: upload.key)
            throw TableTalkError(
                .uploadChecksumMismatch, "the uploaded bytes have sha256 \(actual), not the announced \(expected)",
                details: ["expected": expected, "actual": actual])
        }
    }

    public func localFile(forKey key: String) async throws -> URL {
        try await store.localFile(for: key)
    }

    public func delete(key: String) async throws {
        try await store.delete(key: key)
    }

    public func abort(_ upload: DirectUploadHandle) async throws {
        let bucketKey = try store.bucketKey(for: upload.key)
        try await S3Errors.mapped("upload \(upload.key)") { try await multipart.abort(key: bucketKey, uploadId: upload.targetId) }
    }

    public func abortStale(of principal: Principal, startedBefore date: Date) async throws -> Int {
        let prefix = try store.bucketKey(for: S3ObjectStore.userKey(principal, "uploads")) + "/"
        return try await S3Errors.mapped("uploads of \(principal.id)") {
            var aborted = 0
            for upload in try await multipart.listUploads(prefix: prefix) where (Self.started(upload, prefix: prefix) ?? .distantFuture) < date {
                try await multipart.abort(key: upload.key, uploadId: upload.uploadId)
                aborted += 1
            }
            return aborted
        }
    }

    /// When an upload began: the time in its key (written by ``begin(name:size:partSize:principal:)``), else
    /// S3's `Initiated` (moto reports a fixed 2010 date there, so the key's own time is the one trusted).
    static func started(_ upload: S3PendingUpload, prefix: String) -> Date? {
        guard upload.key.hasPrefix(prefix) else { return upload.initiated }
        let folder = upload.key.dropFirst(prefix.count).prefix { $0 != "/" }
        if let dash = folder.firstIndex(of: "-"), let seconds = Int(folder[..<dash]) {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return upload.initiated
    }

    /// The file name as the last key segment: ASCII letters, digits, `.`, `-` and `_`; anything else `_`.
    static func safeName(_ name: String) -> String {
        let mapped = String(
            name.unicodeScalars.map { s in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_") ? Character(s) : "_"
            })
        let trimmed = mapped.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return trimmed.isEmpty ? "upload" : String(trimmed.prefix(200))
    }

    static func list(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: ",") }
}
