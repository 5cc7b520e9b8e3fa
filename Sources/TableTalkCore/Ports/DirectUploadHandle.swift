/// One direct upload as the target identifies it: kept in the upload's sidecar, so it survives a restart.
public struct DirectUploadHandle: Codable, Sendable, Hashable {
    /// The target's id of the unfinished upload (S3's `UploadId`).
    public var targetId: String
    /// The object key the upload becomes.
    public var key: String
    /// Announced size in bytes.
    public var size: Int64
    /// Every part but the last has exactly this many bytes.
    public var partSize: Int

    public init(targetId: String, key: String, size: Int64, partSize: Int) {
        self.targetId = targetId
        self.key = key
        self.size = size
        self.partSize = partSize
    }

    /// The planned parts, numbered from 1.
    public var parts: [DirectUploadPart] { DirectUploadPart.plan(size: size, partSize: partSize) }
}
