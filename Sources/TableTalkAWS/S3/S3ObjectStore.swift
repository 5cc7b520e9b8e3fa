public import Foundation
public import TableTalkCore
import Crypto

/// The ``ObjectStore`` on S3: raw files of each principal in one bucket under `<prefix>/users/<key>`, where the
/// port's keys start with the principal's directory (`<principal>/<table>-<id>.csv`, as the ingestors make them;
/// ``userKey(_:_:)`` builds one), so every principal's objects share the prefix `<prefix>/users/<principal>/`.
/// Every write asks for server-side encryption (``S3Encryption``: SSE-S3 by default, SSE-KMS with a key id).
///
/// Nothing is held whole in memory: ``put(key:from:)`` sends files above ``singlePutBytes`` as a multipart upload
/// part by part, and ``localFile(for:)`` writes the ranged reads of ``chunks(for:)`` to a temporary file.
///
/// ```swift
/// let aws = AWSClient(settings: .fromEnvironment(region: "eu-west-1"))
/// let store = S3ObjectStore(client: aws, bucket: "tabletalk-data", prefix: "prod", encryption: .kms(keyId: "alias/tabletalk"))
/// try await store.put(key: S3ObjectStore.userKey(principal, "sales.csv"), from: file)
/// ```
public struct S3ObjectStore: ObjectStore {
    public let client: AWSClient
    public let location: S3Location
    /// Key prefix inside the bucket, without slashes at either end ("" for none).
    public let prefix: String
    public let encryption: S3Encryption
    /// Where ``localFile(for:)`` downloads to (the caller removes the file).
    public var temporaryDirectory: URL
    /// Bytes per ranged GET of ``chunks(for:)``.
    public var readChunkBytes = 8 << 20
    /// Files up to this size go in one PutObject; larger ones as a multipart upload.
    public var singlePutBytes = 16 << 20
    /// Part size of the multipart uploads ``put(key:from:)`` makes (S3 needs at least 5 MiB).
    public var putPartBytes = 8 << 20

    public init(
        client: AWSClient, bucket: String, prefix: String = "", encryption: S3Encryption = .s3,
        temporaryDirectory: URL = FileManager.default.temporaryDirectory
    ) {
        self.client = client
        self.location = S3Location(bucket: bucket, region: client.settings.region, endpointOverride: client.settings.endpointOverride)
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
        self.encryption = encryption
        self.temporaryDirectory = temporaryDirectory
    }

    /// The multipart-upload calls on this store's bucket, with its encryption.
    public var multipart: S3MultipartUploads { S3MultipartUploads(client: client, location: location, encryption: encryption) }

    // MARK: - Keys

    /// The principal's directory: its id when that is letters, digits, `-` and `_` only, else a safe form plus
    /// 8 hex digits of the id's SHA-256 (the same names as the embedded data directory, and collision-free).
    public static func principalDirectory(_ principal: Principal) -> String {
        let safe = principal.directoryName
        if safe == principal.id { return safe }
        let digest = SHA256.hash(data: Data(principal.id.utf8))
        return safe + "-" + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// The port key of `path` under `principal`'s directory.
    public static func userKey(_ principal: Principal, _ path: String) -> String {
        principalDirectory(principal) + "/" + path
    }

    /// The key in the bucket of port key `key`: `<prefix>/users/<key>`. Refuses keys that are empty, absolute or
    /// hold empty, `.` or `..` segments or control characters.
    public func bucketKey(for key: String) throws -> String {
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        let safe =
            !key.isEmpty
            && segments.allSatisfy { s in
                !s.isEmpty && s != "." && s != ".." && s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            }
        guard safe else { throw TableTalkError(.invalidArgument, "invalid object key: \(key)") }
        return (prefix.isEmpty ? "" : prefix + "/") + "users/" + key
    }

    // MARK: - ObjectStore

    /// Uploads `file` (encrypted at rest by S3) and removes the local file once S3 has it.
    public func put(key: String, from file: URL) async throws {
        let target = try bucketKey(for: key)
        let size = try Self.fileSize(file)
        try await S3Errors.mapped(key) {
            if size <= Int64(singlePutBytes) {
                let bytes = try [UInt8](Data(contentsOf: file))
                _ = try await client.send(
                    .s3, request: SigV4Request(method: "PUT", url: location.url(key: target), headers: encryption.headers, body: bytes))
            } else {
                try await multipart.upload(file: file, size: size, key: target, partBytes: putPartBytes)
            }
        }
        try? FileManager.default.removeItem(at: file)
    }

    /// Downloads the object to a new file in ``temporaryDirectory``, one ranged read at a time.
    public func localFile(for key: String) async throws -> URL {
        let name = key.split(separator: "/").last.map(String.init) ?? "object"
        let safeName = String(name.unicodeScalars.map { $0.isASCII && $0.value > 0x20 && $0 != "/" ? Character($0) : "_" })
        try FileManager.default.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
        let url = temporaryDirectory.appendingPathComponent("tabletalk-s3-\(UUID().uuidString.prefix(8))-\(safeName)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw TableTalkError(.internalFailure, "cannot create a temporary file in \(temporaryDirectory.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            for try await chunk in try chunks(for: key) {
                try handle.write(contentsOf: chunk)
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return url
    }

    public func delete(key: String) async throws {
        let target = try bucketKey(for: key)
        _ = try await S3Errors.mapped(key) { try await client.send(.s3, request: SigV4Request(method: "DELETE", url: location.url(key: target))) }
    }

    public func exists(key: String) async -> Bool {
        (try? await head(key: key)) != nil
    }

    // MARK: - Reading

    /// Size, ETag and encryption of the object (`uploadNotFound` when there is none).
    public func head(key: String) async throws -> S3ObjectInfo {
        let target = try bucketKey(for: key)
        return try await S3Errors.mapped(key) {
            S3ObjectInfo(headers: try await client.send(.s3, request: SigV4Request(method: "HEAD", url: location.url(key: target))).headers)
        }
    }

    /// The object's bytes as a stream of chunks, for readers that must not hold a large object in memory (the
    /// schema inference of the AWS ingest reads the uploaded CSV through it; ``localFile(for:)`` too).
    ///
    /// Each chunk is one ranged GET of ``readChunkBytes`` (the last one shorter), fetched when the consumer
    /// asks for it, so memory stays at one chunk whatever the object's size, and a failed read is retried for
    /// that range alone (``AWSClient``'s retry policy). The reads carry `If-Match` with the ETag of a HeadObject
    /// made first: if the object is replaced midway the sequence throws instead of mixing two versions.
    /// An empty object yields no chunk. Throws `uploadNotFound` when the object does not exist.
    public func chunks(for key: String) throws -> S3ObjectChunks {
        S3ObjectChunks(client: client, location: location, key: try bucketKey(for: key), chunkBytes: readChunkBytes, name: key)
    }

    static func fileSize(_ file: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}
