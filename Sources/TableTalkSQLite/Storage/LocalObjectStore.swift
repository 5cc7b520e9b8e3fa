public import Foundation
public import TableTalkCore

/// The default ``ObjectStore``: raw files under a local directory, one file per key (`a/b.csv` →
/// `<root>/a/b.csv`). Keys are relative paths of safe segments; anything else is rejected.
public struct LocalObjectStore: ObjectStore {
    public let root: URL

    /// - Parameter root: the directory holding the objects (created when needed).
    public init(root: URL) { self.root = root }

    public func put(key: String, from file: URL) async throws {
        let target = try url(for: key)
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        do {
            try fm.moveItem(at: file, to: target)
        } catch {
            // Across file systems: copy, then remove the source.
            try fm.copyItem(at: file, to: target)
            try? fm.removeItem(at: file)
        }
    }

    public func localFile(for key: String) async throws -> URL {
        let target = try url(for: key)
        guard FileManager.default.fileExists(atPath: target.path) else {
            throw TableTalkError(.uploadNotFound, "no stored file for \(key)")
        }
        return target
    }

    public func delete(key: String) async throws {
        let target = try url(for: key)
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
    }

    public func exists(key: String) async -> Bool {
        guard let target = try? url(for: key) else { return false }
        return FileManager.default.fileExists(atPath: target.path)
    }

    /// The file for `key`; throws `invalidArgument` for keys that could escape the root.
    public func url(for key: String) throws -> URL {
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        let safe =
            !key.isEmpty && !key.hasPrefix("/")
            && segments.allSatisfy { s in
                !s.isEmpty && s != "." && s != ".."
                    && s.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "\\" }
            }
        guard safe else { throw TableTalkError(.invalidArgument, "invalid object key: \(key)") }
        return segments.reduce(root) { $0.appendingPathComponent(String($1)) }
    }
}
