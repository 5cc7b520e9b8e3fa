public import Foundation
public import TableTalkCore
public import TableTalkProtocol
import TableTalkUpload

/// `tabletalk import FILE`: the same path as an upload (copy, parse, load, keep the raw file), without a server
/// and without the import-directory restriction (the local user runs it on their own files).
///
/// ```swift
/// let result = try await LocalImporter(configuration: config).importFile(url, table: nil) { print($0.phase) }
/// print(result.table.rowCount)
/// ```
public struct LocalImporter: Sendable {
    let manager: UploadManager

    /// - Parameter adapters: shared adapters (default: new ones over `configuration.dataDir`).
    public init(configuration: AppConfiguration, adapters: DataAdapters? = nil) {
        // Private files (umask 077, 0700 data directory), as for `serve`; a failure here surfaces on first write.
        try? PrivateDataDirectory.prepare(configuration.dataDir)
        let adapters = adapters ?? DataAdapters(configuration: configuration)
        manager = UploadManager(configuration: .init(configuration), ingestor: adapters.ingestor, hasher: adapters.hasher)
    }

    /// Imports `file` as `table` (default: the file stem) for `principal`, reporting progress as it goes.
    public func importFile(
        _ file: URL, table: String?, principal: Principal = .local, cancellation: CancellationFlag? = nil,
        progress: @escaping @Sendable (UploadProgressNotification) async -> Void
    ) async throws -> UploadResult {
        try await manager.importLocalFile(file, table: table, principal: principal, cancellation: cancellation, progress: progress)
    }
}
