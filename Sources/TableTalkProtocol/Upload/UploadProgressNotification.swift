/// `upload.progress` (server → client): where an upload is. Sent while bytes arrive (throttled), while the file is
/// parsed and loaded, and once at `ready` or `failed`.
public struct UploadProgressNotification: RPCNotification, Hashable {
    public static let method = "upload.progress"

    public var uploadId: String
    public var phase: UploadPhase
    /// Bytes received (`receiving`) or read by the parser (`parsing`, `loading`).
    public var bytes: Int64
    public var totalBytes: Int64
    /// Rows read so far.
    public var rows: Int
    /// 0…100 within the current phase.
    public var percent: Double
    /// A short human note (the error, when `failed`).
    public var message: String?

    public init(
        uploadId: String, phase: UploadPhase, bytes: Int64, totalBytes: Int64, rows: Int = 0, percent: Double,
        message: String? = nil
    ) {
        self.uploadId = uploadId
        self.phase = phase
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.rows = rows
        self.percent = percent
        self.message = message
    }
}
