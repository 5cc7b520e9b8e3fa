public import Foundation

/// Keeps the data directory private to its owner: everything TableTalk writes there is 0600 (files) or 0700
/// (directories). The process umask becomes 077 so that every writer (SQLite and its -wal/-shm files, upload
/// parts, history, tokens) creates private files without each having to ask; the adapters that copy files in
/// (the object store, the tokens file) also set the mode explicitly, since a copy keeps its source's mode.
public enum PrivateDataDirectory {
    /// Sets the umask, creates `dataDir` (0700), and tightens what an older version left readable by others.
    public static func prepare(_ dataDir: URL) throws {
        umask(0o077)
        let fm = FileManager.default
        try fm.createDirectory(at: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(dataDir.path, 0o700)
        guard let walker = fm.enumerator(atPath: dataDir.path) else { return }
        while let name = walker.nextObject() as? String {
            let path = dataDir.appendingPathComponent(name).path
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            let type = st.st_mode & S_IFMT
            if type == S_IFDIR {
                if st.st_mode & 0o077 != 0 { chmod(path, 0o700) }
            } else if type == S_IFREG {
                if st.st_mode & 0o077 != 0 { chmod(path, mode_t(st.st_mode & 0o700)) }
            }
        }
    }
}
