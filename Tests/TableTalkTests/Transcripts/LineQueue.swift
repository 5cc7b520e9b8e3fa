import Foundation

/// A single-consumer queue of text lines fed by a reader thread, awaited by async test code.
final class LineQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    private var finished = false
    private var waiter: CheckedContinuation<String?, Never>?
    private var waiterID = 0
    /// How long `next()` waits before giving up with nil (a deadlock guard: the test then fails, never hangs).
    static let patience: Duration = .seconds(30)

    func push(_ line: String) {
        lock.lock()
        if let w = waiter {
            waiter = nil
            lock.unlock()
            w.resume(returning: line)
        } else {
            items.append(line)
            lock.unlock()
        }
    }

    func finish() {
        lock.lock()
        finished = true
        let w = waiter
        waiter = nil
        lock.unlock()
        w?.resume(returning: nil)
    }

    /// The next line, or nil once the producer finished and every line was taken.
    func next() async -> String? {
        await withCheckedContinuation { c in
            lock.lock()
            if !items.isEmpty {
                let s = items.removeFirst()
                lock.unlock()
                c.resume(returning: s)
            } else if finished {
                lock.unlock()
                c.resume(returning: nil)
            } else {
                waiter = c
                waiterID += 1
                let id = waiterID
                lock.unlock()
                Task { [weak self] in
                    try? await Task.sleep(for: LineQueue.patience)
                    self?.expire(id)
                }
            }
        }
    }

    private func expire(_ id: Int) {
        lock.lock()
        guard waiterID == id, let w = waiter else {
            lock.unlock()
            return
        }
        waiter = nil
        lock.unlock()
        w.resume(returning: nil)
    }

    /// Every remaining line until the producer finishes.
    func all() async -> [String] {
        var out: [String] = []
        while let l = await next() { out.append(l) }
        return out
    }
}
