import Foundation
import TableTalkQuery
import TableTalkUpload

extension UploadConfiguration {
    /// Upload settings from the application configuration.
    init(_ c: AppConfiguration) {
        self.init(
            directory: c.dataDir.appendingPathComponent("uploads", isDirectory: true), maxUploadBytes: c.maxUploadBytes,
            chunkBytes: c.uploadChunkBytes, importDirectories: c.importDirs,
            partURLTemplate: c.servesUploadParts ? "/uploads/{uploadId}" : nil)
    }
}

extension QueryConfiguration {
    /// Query settings from the application configuration.
    init(_ c: AppConfiguration) {
        self.init(defaultMaxRows: c.maxRows, timeout: .milliseconds(Int64((c.queryTimeoutSeconds * 1000).rounded())))
    }
}
