public import Foundation
public import TableTalkCore

/// The default ``ObjectStore``: raw files under a local directory, one file per key (`a/b.csv` →
/// `<root>/a/b.csv`). Keys are relative paths of safe segments; anything else is rejected.
///
/// Everything it writes is private to the owner (files 0600, directories 0700), whatever mode the source file had.
/// With an encryption key, objects are stored encrypted (``SealedFile``: AES-256-GCM in 1 MiB chunks) and
/// ``localFile(for:)`` hands out a decrypted private copy under `<root>/.open/`, which the caller removes.
///
/// A replaced or deleted file is renamed into `<root>/.trash/` at once and unlinked in the background: freeing a
/// 100 MB file takes the file system about 0.1 s here, which a re-upload should not wait for. Whatever a crash
/// leaves in the trash goes with the next discard.
public struct LocalObjectStore: ObjectStore {
    public let root: URL
    private let sealer: SealedFile?

    /// - Parameters:
    ///   - root: the directory holding the objects (created when needed).
    ///   - encryptionKey: 32 bytes to encrypt objects at rest with, or nil to store them as they are.
    public init(root: URL, encryptionKey: Data? = nil) {
        self.root = root
        self.sealer = encryptionKey.map { SealedFile(key: $0) }
    }

    /// Whether objects are encrypted at rest.
    public var encrypts: Bool { sealer != nil }

    public func put(key: String, from file: URL) async throws {
        let target = try url(for: key)
        let fm = FileManager.default
        try Self.makePrivateDirectory(target.deletingLastPathComponent(), under: root)
        if fm.fileExists(atPath: target.path) { try discard(target) }
        if let sealer {
            let tmp = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).sealing")
            do {
                try sealer.seal(file, to: tmp)
                guard rename(tmp.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path]) }
            } catch {
                try? fm.removeItem(at: tmp)
                throw error
            }
            try? fm.removeItem(at: file)
            return
        }
        do {
            try fm.moveItem(at: file, to: target)
        } catch {
            // Across file systems: copy, then remove the source.
            try fm.copyItem(at: file, to: target)
            try? fm.removeItem(at: file)
        }
        chmod(target.path, 0o600)
    }

    public func localFile(for key: String) async throws -> URL {
        let target = try url(for: key)
        guard FileManager.default.fileExists(atPath: target.path) else {
            throw TableTalkError(.uploadNotFound, "no stored file for \(key)")
        }
        guard let sealer else { return target }
        let open = root.appendingPathComponent(Self.openName, isDirectory: true)
        try Self.makePrivateDirectory(open, under: root)
        let plain = open.appendingPathComponent("\(UUID().uuidString)-\(target.lastPathComponent)")
        do {
            try sealer.open(target, to: plain)
        } catch {
            try? FileManager.default.removeItem(at: plain)
            throw error
        }
        return plain
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
            try Self.makePrivateDirectory(trash, under: root)
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
    static let openName = ".open"

    /// Creates `dir` and any missing parents up to `root` with mode 0700, and makes `dir` and `root` 0700.
    static func makePrivateDirectory(_ dir: URL, under root: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var d = dir.standardizedFileURL
        let top = root.standardizedFileURL.deletingLastPathComponent().path
        while d.path.count > top.count, d.path.hasPrefix(top) {
            chmod(d.path, 0o700)
            d.deleteLastPathComponent()
        }
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
        guard safe, let first = segments.first.map(String.init), first != Self.trashName, first != Self.openName else {
            throw TableTalkError(.invalidArgument, "invalid object key: \(key)")
        }
        return segments.reduce(root) { $0.appendingPathComponent(String($1)) }
    }
}
