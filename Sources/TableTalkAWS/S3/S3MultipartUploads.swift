public import Foundation
import TableTalkCore

/// S3 multipart uploads on one bucket: CreateMultipartUpload (with the store's server-side encryption, which the
/// parts inherit), presigned `UploadPart` URLs a client without credentials can `PUT` to, ListParts,
/// CompleteMultipartUpload with the parts' ETags, AbortMultipartUpload and ListMultipartUploads (to clean up
/// stale ones). Keys are keys in the bucket. Errors are ``AWSError``s with S3's codes (`NoSuchUpload`,
/// `InvalidPart`, `EntityTooSmall`…).
public struct S3MultipartUploads: Sendable {
    public let client: AWSClient
    public let location: S3Location
    public let encryption: S3Encryption

    public init(client: AWSClient, location: S3Location, encryption: S3Encryption) {
        self.client = client
        self.location = location
        self.encryption = encryption
    }

    /// Starts a multipart upload of `key`; returns its `UploadId`.
    public func create(key: String) async throws -> String {
        let reply = try await client.send(
            .s3, request: SigV4Request(method: "POST", url: location.url(key: key, query: [(name: "uploads", value: "")]), headers: encryption.headers))
        guard let id = AWSXML.value("UploadId", in: reply.text), !id.isEmpty else {
            throw AWSError(status: reply.status, code: "MalformedReply", message: "CreateMultipartUpload of \(key) returned no UploadId")
        }
        return id
    }

    /// The URL of `UploadPart` for `partNumber`: a plain `PUT` of the part's bytes to it, without credentials,
    /// stores the part until `expires` from `date` has passed (S3 then answers 403 `AccessDenied`, "Request has expired").
    public func presignedPartURL(key: String, uploadId: String, partNumber: Int, expires: Duration, date: Date = Date()) throws -> String {
        let url = location.url(key: key, query: [(name: "partNumber", value: String(partNumber)), (name: "uploadId", value: uploadId)])
        return try SigV4Presigner(signer: client.signer(for: .s3)).presign(method: "PUT", url: url, expires: expires, date: date)
    }

    /// Uploads one part with our own credentials (the server's own multipart puts); returns its ETag.
    public func uploadPart(key: String, uploadId: String, partNumber: Int, bytes: [UInt8]) async throws -> String {
        let url = location.url(key: key, query: [(name: "partNumber", value: String(partNumber)), (name: "uploadId", value: uploadId)])
        let reply = try await client.send(.s3, request: SigV4Request(method: "PUT", url: url, body: bytes))
        guard let etag = reply.headers["etag"] else {
            throw AWSError(status: reply.status, code: "MalformedReply", message: "UploadPart \(partNumber) of \(key) returned no ETag")
        }
        return etag
    }

    /// Every part S3 holds for the upload, in part-number order (all pages of ListParts).
    public func listParts(key: String, uploadId: String) async throws -> [S3UploadedPart] {
        var parts: [S3UploadedPart] = []
        var marker: String?
        repeat {
            var query = [(name: "uploadId", value: uploadId)]
            if let marker { query.append((name: "part-number-marker", value: marker)) }
            let text = try await client.send(.s3, request: SigV4Request(method: "GET", url: location.url(key: key, query: query))).text
            for part in AWSXML.values("Part", in: text) {
                guard let number = AWSXML.value("PartNumber", in: part).flatMap({ Int($0) }), let etag = AWSXML.value("ETag", in: part) else { continue }
                parts.append(S3UploadedPart(partNumber: number, etag: etag, size: AWSXML.value("Size", in: part).flatMap { Int64($0) } ?? 0))
            }
            let truncated = AWSXML.value("IsTruncated", in: text) == "true"
            let next = AWSXML.value("NextPartNumberMarker", in: text)
            marker = truncated && next != nil && next != marker ? next : nil
        } while marker != nil
        return parts.sorted { $0.partNumber < $1.partNumber }
    }

    /// Joins `parts` (any order; sent ascending, as S3 requires) into the object; returns its ETag.
    /// S3 may answer 200 with an error body here; that is thrown as the ``AWSError`` it names.
    @discardableResult
    public func complete(key: String, uploadId: String, parts: [S3UploadedPart]) async throws -> String? {
        let body =
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + parts.sorted { $0.partNumber < $1.partNumber }.map {
                "<Part><PartNumber>\($0.partNumber)</PartNumber><ETag>\(AWSXML.escape($0.etag))</ETag></Part>"
            }.joined() + "</CompleteMultipartUpload>"
        let url = location.url(key: key, query: [(name: "uploadId", value: uploadId)])
        let reply = try await client.send(
            .s3, request: SigV4Request(method: "POST", url: url, headers: [(name: "Content-Type", value: "application/xml")], body: Array(body.utf8)))
        let text = reply.text
        if text.contains("<Error>"), let code = AWSXML.value("Code", in: text) {
            throw AWSError(status: reply.status, code: code, message: AWSXML.value("Message", in: text) ?? "CompleteMultipartUpload failed")
        }
        return AWSXML.value("ETag", in: text)
    }

    /// Drops the upload and its parts; an upload S3 no longer knows counts as aborted.
    public func abort(key: String, uploadId: String) async throws {
        do {
            _ = try await client.send(.s3, request: SigV4Request(method: "DELETE", url: location.url(key: key, query: [(name: "uploadId", value: uploadId)])))
        } catch let error as AWSError where error.code == "NoSuchUpload" {
            return
        }
    }

    /// The unfinished uploads whose keys start with `prefix` (all pages of ListMultipartUploads).
    public func listUploads(prefix: String) async throws -> [S3PendingUpload] {
        var uploads: [S3PendingUpload] = []
        var markers: (key: String, id: String)?
        repeat {
            var query = [(name: "uploads", value: ""), (name: "prefix", value: prefix)]
            if let markers { query += [(name: "key-marker", value: markers.key), (name: "upload-id-marker", value: markers.id)] }
            let text = try await client.send(.s3, request: SigV4Request(method: "GET", url: location.url(key: "", query: query))).text
            for upload in AWSXML.values("Upload", in: text) {
                guard let key = AWSXML.value("Key", in: upload), let id = AWSXML.value("UploadId", in: upload) else { continue }
                uploads.append(S3PendingUpload(key: key, uploadId: id, initiated: AWSXML.value("Initiated", in: upload).flatMap(Self.date)))
            }
            let truncated = AWSXML.value("IsTruncated", in: text) == "true"
            if truncated, let key = AWSXML.value("NextKeyMarker", in: text), let id = AWSXML.value("NextUploadIdMarker", in: text),
                markers.map({ $0.key != key || $0.id != id }) ?? true
            {
                markers = (key, id)
            } else {
                markers = nil
            }
        } while markers != nil
        return uploads
    }

    /// Sends the `size` bytes of `file` as a multipart upload of `key` in parts of `partBytes` (one part in
    /// memory at a time); aborts the upload when a part fails.
    public func upload(file: URL, size: Int64, key: String, partBytes: Int) async throws {
        let id = try await create(key: key)
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var parts: [S3UploadedPart] = []
            for part in DirectUploadPart.plan(size: size, partSize: max(partBytes, 5 << 20)) {
                let bytes = try handle.read(upToCount: Int(part.length)).map { [UInt8]($0) } ?? []
                let etag = try await uploadPart(key: key, uploadId: id, partNumber: part.partNumber, bytes: bytes)
                parts.append(S3UploadedPart(partNumber: part.partNumber, etag: etag, size: Int64(bytes.count)))
            }
            try await complete(key: key, uploadId: id, parts: parts)
        } catch {
            try? await abort(key: key, uploadId: id)
            throw error
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = formatter.date(from: text) { return d }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

/// A part S3 holds for a multipart upload.
public struct S3UploadedPart: Sendable, Hashable {
    public var partNumber: Int
    /// As S3 sent it (with its quotes).
    public var etag: String
    public var size: Int64

    public init(partNumber: Int, etag: String, size: Int64) {
        self.partNumber = partNumber
        self.etag = etag
        self.size = size
    }
}

/// An unfinished multipart upload of the bucket.
public struct S3PendingUpload: Sendable, Hashable {
    public var key: String
    public var uploadId: String
    public var initiated: Date?
}
