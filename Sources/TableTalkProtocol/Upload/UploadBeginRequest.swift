/// `upload.begin {name, size, sha256?, table?}`: announces a file. Parts then arrive as `upload.chunk` or as raw
/// `PUT {partUrl}?offset=N` bodies, in order, or (direct uploads) as `PUT`s to `partUrls` in any order, and
/// `upload.finish` turns the file into a table.
public struct UploadBeginRequest: RPCRequest, Hashable {
    public static let method = "upload.begin"
    public typealias Response = UploadBeginResult

    /// The file's name (its stem names the table unless `table` is given).
    public var name: String
    /// Exact size in bytes; at most the server's `maxUploadBytes`.
    public var size: Int64
    /// Hex SHA-256 of the whole file, checked at `upload.finish`.
    public var sha256: String?
    /// Table to create or replace (snake_cased); default: the file stem.
    public var table: String?

    public init(name: String, size: Int64, sha256: String? = nil, table: String? = nil) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.table = table
    }
}

/// Where to send the parts of a new upload.
public struct UploadBeginResult: Codable, Sendable, Hashable {
    public var uploadId: String
    /// Suggested part size in bytes (base64 `upload.chunk` data or `PUT` bodies); with `partUrls`, the exact size
    /// of every part but the last.
    public var chunkSize: Int
    /// Path for raw `PUT` parts on the WebSocket server's port (`/uploads/{uploadId}`), when that transport serves them.
    public var partUrl: String?
    /// Direct uploads (the AWS deployment): one URL per part, to `PUT` the part's bytes to without credentials,
    /// in any order; then `upload.finish`. Absent when parts go through this server.
    public var partUrls: [UploadPartURL]?
    /// When `partUrls` stop working (ISO 8601); `upload.partUrls` gives fresh ones.
    public var partUrlsExpireAt: String?

    public init(uploadId: String, chunkSize: Int, partUrl: String? = nil, partUrls: [UploadPartURL]? = nil, partUrlsExpireAt: String? = nil) {
        self.uploadId = uploadId
        self.chunkSize = chunkSize
        self.partUrl = partUrl
        self.partUrls = partUrls
        self.partUrlsExpireAt = partUrlsExpireAt
    }
}
