public import Foundation
public import TableTalkCore

/// The default ``ObjectStore``: raw files under a local directory, one file per key (`a/b.csv` →
/// `<root>/a/b.csv`). Keys are relative paths of safe segments; anything else is rejected.
///
/// A replaced or deleted file is renamed into `<root>/.trash/` at once and unlinked in the background: freeing a
/// 100 MB file takes the file system about 0.1 s here, which a re-upload should not wait for. Whatever a crash
/// leaves in the trash goes with the next discard.
public struct LocalObjectStore: ObjectStore {
    public let root: URL

    /// - Parameter root: the directory holding the objects (created when needed).
    public init(root: URL) { self.root = root }

    public func put(key: String, from file: URL) async throws {
        let target = try url(for: key)
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if fm.fileExists(atPath: target.path) { try discard(target) }
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
        if FileManager.default.fileExists(atPath: target.path) { try discard(target) }
    }

    /// Moves `file` out of the way (a rename) and unlinks it, and anything else in the trash, in the background.
    private func discard(_ file: URL) throws {
        let fm = FileManager.default
        let trash = root.appendingPathComponent(Self.trashName, isDirectory: true)
        do {
            try fm.createDirectory(at: trash, withIntermediateDirectories: true)
            try fm.moveItem(at: file, to: trash.appendingPathComponent(UUID().uuidString))
        } catch {
            try fm.removeItem(at: file)  // no trash possible: delete in place
            return
        }
        DispatchQueue.global(qos: .utility).async {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: trash.path)) ?? [] {
                try? FileManager.default.removeItem(at: trash.appendingPathComponent(name))
            }
        }
    }

    static let trashName = ".trash"

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
        guard safe, segments.first.map(String.init) != Self.trashName else {
            throw TableTalkError(.invalidArgument, "invalid object key: \(key)")
        }
        return segments.reduce(root) { $0.appendingPathComponent(String($1)) }
    }
}
