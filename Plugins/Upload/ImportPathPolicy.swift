import Foundation
import TableTalkCore

/// Decides which files `upload.importFile` may read: only those inside a configured directory once `~`, `..` and
/// symbolic links are resolved, so `allowed/../secret` and `allowed/link-to-etc/passwd` are both refused.
struct ImportPathPolicy: Sendable {
    let directories: [String]

    /// The canonical file URL of `path` when it is allowed; `importPathDenied` otherwise.
    func resolve(_ path: String) throws -> URL {
        let file = Self.canonical(path)
        for dir in directories where !dir.isEmpty {
            var root = Self.canonical(dir).path
            if !root.hasSuffix("/") { root += "/" }
            if file.path.hasPrefix(root) { return file }
        }
        let hint = directories.isEmpty ? "no import directories are configured (importDirs)" : "allowed: \(directories.joined(separator: ", "))"
        throw TableTalkError(.importPathDenied, "\(path) is outside the import directories; \(hint)", details: ["path": path])
    }

    /// Absolute, `~`-expanded, `..`-free path with every symbolic link resolved.
    static func canonical(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded).standardizedFileURL.resolvingSymlinksInPath()
    }
}
