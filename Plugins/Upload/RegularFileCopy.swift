import Foundation
import TableTalkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Copies a local file for an import, safely: regular files only — a FIFO, device, socket or directory is refused
/// before it is opened (`stat`) and again once open (`open` with `O_NONBLOCK`, so opening a FIFO never waits for a
/// writer, then `fstat`, so a file swapped in between is caught) — and the copy runs on a thread of its own, never
/// on Swift's cooperative pool, so a slow disk cannot stall other requests.
enum RegularFileCopy {
    /// Throws `invalidArgument` (`data.reason` `notRegularFile` or `unreadable`) unless `path` is a regular file.
    static func checkRegular(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else { throw unreadable(path, errno) }
        try requireRegular(st, path)
    }

    /// Copies `source` to `destination` (created 0600, replaced when present) and returns the bytes copied.
    static func copy(_ source: URL, to destination: URL) async throws -> Int64 {
        try await withCheckedThrowingContinuation { continuation in
            // A thread of its own: neither the cooperative pool nor Dispatch's CPU-sized pool waits on the disk.
            let thread = Thread { continuation.resume(with: Result { try copyNow(source.path, to: destination.path) }) }
            thread.name = "tabletalk.import-copy"
            thread.start()
        }
    }

    private static func copyNow(_ source: String, to destination: String) throws -> Int64 {
        try checkRegular(source)
        let input = open(source, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else { throw unreadable(source, errno) }
        defer { close(input) }
        var st = stat()
        guard fstat(input, &st) == 0 else { throw unreadable(source, errno) }
        try requireRegular(st, source)
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            throw TableTalkError(.internalFailure, "cannot write the import's copy: \(String(cString: strerror(errno)))")
        }
        defer { close(output) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let n = read(input, buffer, size)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw unreadable(source, errno)
            }
            var written = 0
            while written < n {
                let w = write(output, buffer + written, n - written)
                if w < 0 {
                    if errno == EINTR { continue }
                    throw TableTalkError(.internalFailure, "cannot write the import's copy: \(String(cString: strerror(errno)))")
                }
                written += w
            }
            total += Int64(n)
        }
        return total
    }

    private static func requireRegular(_ st: stat, _ path: String) throws {
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what =
                switch kind {
                case S_IFIFO: "a FIFO (named pipe)"
                case S_IFCHR, S_IFBLK: "a device"
                case S_IFSOCK: "a socket"
                case S_IFDIR: "a directory"
                default: "not a regular file"
                }
            throw TableTalkError(
                .invalidArgument, "\(path) is \(what); only regular files can be imported",
                details: ["path": path, "reason": "notRegularFile"])
        }
    }

    private static func unreadable(_ path: String, _ code: Int32) -> TableTalkError {
        TableTalkError(
            .invalidArgument, "\(path) is not a readable file: \(String(cString: strerror(code)))",
            details: ["path": path, "reason": "unreadable"])
    }
}
