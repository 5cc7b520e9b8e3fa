import Foundation
import TableTalkBroker

/// Writes framed messages to the protocol file descriptor on its own thread, in the order they were sent.
///
/// `send` only queues, so a handler never blocks on a client that is slow to read; the transport applies
/// back-pressure instead: it waits (``waitForRoom()``) before reading the next frame while too many replies are
/// unwritten, so a client that never reads its replies holds the server's work, not its memory.
final class StdioWriter: MessageSink, @unchecked Sendable {
    enum Framing { case contentLength, newline }

    /// Reading pauses while more than this many messages or bytes are queued, and resumes below half of it.
    struct Limits: Sendable {
        var messages = 512
        var bytes = 8 << 20
    }

    private let fd: Int32
    private let limits: Limits
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var framing: Framing = .newline
    private var queue: [Data] = []
    private var queueHead = 0
    private var queuedBytes = 0
    /// Messages taken off the queue and being written (they still count as unwritten).
    private var writing = 0
    private var closed = false
    private var roomWaiters: [CheckedContinuation<Void, Never>] = []
    private var flushWaiters: [CheckedContinuation<Void, Never>] = []

    init(fd: Int32, limits: Limits = Limits()) {
        self.fd = fd
        self.limits = limits
        let thread = Thread { [self] in self.writeLoop() }
        thread.name = "stdio-writer"
        thread.start()
    }

    func setFraming(_ framing: Framing) { condition.withLock { self.framing = framing } }

    func send(_ message: Data) async { enqueue(message) }

    func enqueue(_ message: Data) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        var out = Data()
        switch framing {
        case .contentLength:
            out.append(contentsOf: "Content-Length: \(message.count)\r\n\r\n".utf8)
            out.append(message)
        case .newline:
            out.reserveCapacity(message.count + 1)
            out.append(message)
            out.append(0x0A)
        }
        queue.append(out)
        queuedBytes += out.count
        condition.signal()
    }

    /// Messages queued or being written.
    var unwritten: Int { condition.withLock { queue.count - queueHead + writing } }

    /// Returns once fewer than the limits' messages and bytes are unwritten (at once when they are).
    func waitForRoom() async {
        let full = condition.withLock { isFull(messages: limits.messages, bytes: limits.bytes) }
        guard full else { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let wait = condition.withLock { () -> Bool in
                guard isFull(messages: limits.messages / 2, bytes: limits.bytes / 2) else { return false }
                roomWaiters.append(c)
                return true
            }
            if !wait { c.resume() }
        }
    }

    /// Returns once everything sent so far is written (or the output is gone).
    func flush() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let wait = condition.withLock { () -> Bool in
                guard !closed, queue.count - queueHead + writing > 0 else { return false }
                flushWaiters.append(c)
                return true
            }
            if !wait { c.resume() }
        }
    }

    func close() async {
        let waiters = condition.withLock { () -> [CheckedContinuation<Void, Never>] in
            closed = true
            return dropAll()
        }
        waiters.forEach { $0.resume() }
    }

    // MARK: - Writer thread

    /// Caller holds the lock.
    private func isFull(messages: Int, bytes: Int) -> Bool {
        !closed && (queue.count - queueHead + writing > messages || queuedBytes > bytes)
    }

    /// Caller holds the lock: empties the queue and returns every waiter to resume.
    private func dropAll() -> [CheckedContinuation<Void, Never>] {
        queue.removeAll()
        queueHead = 0
        queuedBytes = 0
        defer { roomWaiters = []; flushWaiters = [] }
        return roomWaiters + flushWaiters
    }

    private func writeLoop() {
        while true {
            condition.lock()
            while queueHead == queue.count && !closed { condition.wait() }
            if closed {
                condition.unlock()
                return
            }
            // Everything queued goes out in one write (up to 1 MiB): fewer system calls when replies pile up.
            var end = queueHead + 1, bytes = queue[queueHead].count
            while end < queue.count && bytes + queue[end].count <= 1 << 20 {
                bytes += queue[end].count
                end += 1
            }
            let batch = queue[queueHead..<end]
            writing = end - queueHead
            queueHead = end
            if queueHead > 1024 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()

            var next = batch.first!
            if batch.count > 1 {
                next = Data(capacity: bytes)
                for message in batch { next.append(message) }
            }
            let ok = next.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return false }
                }
                return true
            }

            condition.lock()
            writing = 0
            queuedBytes = max(0, queuedBytes - next.count)
            var waiters: [CheckedContinuation<Void, Never>] = []
            if !ok {
                closed = true
                waiters = dropAll()
            } else {
                if !isFull(messages: limits.messages / 2, bytes: limits.bytes / 2) {
                    waiters += roomWaiters
                    roomWaiters = []
                }
                if queueHead == queue.count {
                    waiters += flushWaiters
                    flushWaiters = []
                }
            }
            condition.unlock()
            waiters.forEach { $0.resume() }
        }
    }
}
