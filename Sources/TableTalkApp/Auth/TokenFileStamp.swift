import Foundation

/// Which version of the tokens file is on disk: device, inode, size and modification time from one `stat`.
/// `tabletalk token` replaces the file by a rename, so a new version has a new inode even within one clock tick.
struct TokenFileStamp: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64

    static let missing = TokenFileStamp(device: 0, inode: 0, size: -1, modifiedSeconds: 0, modifiedNanoseconds: 0)

    /// The stamp of the file at `path`, or ``missing`` when there is none.
    init(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            self = .missing
            return
        }
        #if canImport(Darwin)
        self.init(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modifiedSeconds: Int64(st.st_mtimespec.tv_sec), modifiedNanoseconds: Int64(st.st_mtimespec.tv_nsec))
        #else
        self.init(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modifiedSeconds: Int64(st.st_mtim.tv_sec), modifiedNanoseconds: Int64(st.st_mtim.tv_nsec))
        #endif
    }

    init(device: UInt64, inode: UInt64, size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
    }
}
