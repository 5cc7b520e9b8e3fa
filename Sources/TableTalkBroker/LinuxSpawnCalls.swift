#if canImport(Glibc)
import Glibc

/// glibc calls that Swift's Glibc module does not import (`pipe2`, `posix_spawn_file_actions_addclosefrom_np`),
/// looked up once at run time; nil on a libc without them (callers then fall back to slower equivalents).
enum LinuxSpawnCalls {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    nonisolated(unsafe) static let pipe2: Pipe2? = symbol("pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    nonisolated(unsafe) static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddCloseFrom.self)
    }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(dlopen(nil, RTLD_NOW), name)
    }

    /// A pipe whose both ends are close-on-exec from the start (no window in which another thread's spawn inherits it).
    static func closeOnExecPipe() throws(SystemCallError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        if let pipe2 {
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw SystemCallError("pipe2") }
        } else {
            guard pipe(&fds) == 0 else { throw SystemCallError("pipe") }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    /// Adds "close every descriptor from `lowest` up" to a spawn's file actions: the child inherits only what the
    /// actions dup'ed below `lowest`, whatever the gateway (or a library in it) left without close-on-exec.
    static func closeAll(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom, addCloseFrom(&actions, lowest) == 0 { return }
        // Fallback: close what is open now.
        let open = (try? openDescriptors()) ?? []
        for fd in open where fd >= lowest { posix_spawn_file_actions_addclose(&actions, fd) }
    }

    private static func openDescriptors() throws -> [Int32] {
        guard let dir = opendir("/proc/self/fd") else { return [] }
        defer { closedir(dir) }
        var out: [Int32] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let fd = Int32(name), fd != dirfd(dir) { out.append(fd) }
        }
        return out
    }
}
#endif
