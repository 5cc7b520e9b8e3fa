public import Foundation

/// Settings of the upload capability (the composition root fills them from `AppConfiguration`).
public struct UploadConfiguration: Sendable {
    /// Where parts and their sidecars live: `<dataDir>/uploads`.
    public var directory: URL
    /// Largest file accepted (`uploadTooLarge` above it).
    public var maxUploadBytes: Int64
    /// Part size suggested by `upload.begin`.
    public var chunkBytes: Int
    /// Largest single part accepted (`upload.chunk` after base64 decoding, or a `PUT` body).
    public var maxPartBytes: Int
    /// Directories `upload.importFile` may read from (after resolving symbolic links and `..`).
    public var importDirectories: [String]
    /// `partUrl` template returned by `upload.begin` (`{uploadId}` is replaced), nil when no transport serves raw parts.
    public var partURLTemplate: String?
    /// Least time between two `upload.progress` notifications of one upload (phase changes are always sent).
    public var progressInterval: Duration
    /// Unfinished uploads untouched for this long are deleted when the same principal begins a new one.
    public var staleAfter: TimeInterval

    /// - Parameters:
    ///   - directory: `<dataDir>/uploads`.
    ///   - maxPartBytes: default: the larger of `chunkBytes` and 16 MiB.
    public init(
        directory: URL, maxUploadBytes: Int64 = 1 << 30, chunkBytes: Int = 4 << 20, maxPartBytes: Int? = nil,
        importDirectories: [String] = [], partURLTemplate: String? = "/uploads/{uploadId}",
        progressInterval: Duration = .milliseconds(250), staleAfter: TimeInterval = 7 * 86_400
    ) {
        self.directory = directory
        self.maxUploadBytes = maxUploadBytes
        self.chunkBytes = chunkBytes
        self.maxPartBytes = maxPartBytes ?? max(chunkBytes, 16 << 20)
        self.importDirectories = importDirectories
        self.partURLTemplate = partURLTemplate
        self.progressInterval = progressInterval
        self.staleAfter = staleAfter
    }
}
