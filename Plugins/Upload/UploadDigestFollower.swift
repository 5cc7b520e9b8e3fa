import Foundation
import Synchronization
import TableTalkCore

/// Hashes an upload's part file while the parts still arrive, so `upload.finish` only waits for the tail instead
/// of reading and hashing the whole file. A background task feeds a running SHA-256 with the bytes already
/// acknowledged (from the page cache, behind the writer); it reads the file from its first byte, so bytes
/// written before a restart count the same. Parts that are cut off were never acknowledged, so never hashed.
final class UploadDigestFollower: Sendable {
    private let availability = Availability()
    private let task: Task<String?, Never>

    /// - Parameters:
    ///   - size: the announced size; the digest is of exactly this many bytes.
    init(file: URL, size: Int64, hasher: any ContentHasher) {
        let availability = self.availability
        let path = file.path
        task = Task.detached {
            guard var digest = hasher.runningSHA256() else { return nil }
            var position: Int64 = 0
            while position < size {
                guard let available = await availability.wait(beyond: position) else { return nil }
                guard Self.feed(&digest, path: path, from: position, to: available) else { return nil }
                position = available
            }
            return digest.finalize()
        }
    }

    /// The upload has `received` bytes on disk that will not change.
    func advance(to received: Int64) { availability.advance(to: received) }

    /// The lower-case hex SHA-256 of the first `size` bytes, once they are acknowledged; nil when hashing
    /// stopped (cancelled, or the file was shorter than acknowledged): hash the file instead.
    func digest() async -> String? { await task.value }

    /// Stops hashing (the upload is gone or done).
    func cancel() { availability.cancel() }

    /// Reads bytes `from..<to` of the file into `digest`, opening it just for this (an idle follower holds no
    /// descriptor and no buffer); false when the file cannot be read that far.
    private static func feed(_ digest: inout any RunningDigest, path: String, from: Int64, to: Int64) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let block = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: block, alignment: 64)
        defer { buffer.deallocate() }
        var position = from
        while position < to {
            let n = pread(fd, buffer.baseAddress, Int(min(Int64(block), to - position)), off_t(position))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            position += Int64(n)
        }
        return true
    }

    /// How many bytes may be read, and the hashing task waiting for more.
    private final class Availability: Sendable {
        private struct State {
            var available: Int64 = 0
            var cancelled = false
            var waiter: (position: Int64, continuation: CheckedContinuation<Int64?, Never>)?
        }

        private let state = Mutex(State())

        func advance(to received: Int64) {
            let wake: (CheckedContinuation<Int64?, Never>, Int64)? = state.withLock { s in
                s.available = max(s.available, received)
                guard let waiter = s.waiter, s.available > waiter.position else { return nil }
                s.waiter = nil
                return (waiter.continuation, s.available)
            }
            wake?.0.resume(returning: wake?.1)
        }

        func cancel() {
            let waiter = state.withLock { s in
                s.cancelled = true
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.continuation.resume(returning: nil)
        }

        /// More than `position` bytes available (their count), or nil once cancelled.
        func wait(beyond position: Int64) async -> Int64? {
            await withCheckedContinuation { continuation in
                let now: Int64?? = state.withLock { s in
                    if s.cancelled { return .some(nil) }
                    if s.available > position { return .some(s.available) }
                    s.waiter = (position, continuation)
                    return .none
                }
                if let now { continuation.resume(returning: now) }
            }
        }
    }
}
