public import Foundation

/// Keeps raw uploaded files (local directory by default, S3 at scale) so tables can be rebuilt or re-typed.
public protocol ObjectStore: Sendable {
    /// Stores the file at `file` under `key`, moving it when possible.
    func put(key: String, from file: URL) async throws
    /// A local file with the object's bytes (downloaded first for remote stores).
    func localFile(for key: String) async throws -> URL
    func delete(key: String) async throws
    func exists(key: String) async -> Bool
}
