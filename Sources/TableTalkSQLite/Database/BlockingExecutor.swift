import Foundation
import Synchronization

/// Runs blocking SQLite and file work on its own threads, off Swift's cooperative pool, so a 10-second
/// query or a long ingest never starves other tasks. The threads are the executor's own (up to
/// ``maxThreads``, kept for reuse), not Dispatch's CPU-sized pool: a few CPU-bound statements must not queue
/// every other query behind them.
enum BlockingExecutor {
    /// Most threads running jobs at once; further jobs wait for one to finish.
    static let maxThreads = 64

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs `job` on one of the executor's threads.
    static func submit(_ job: @escaping @Sendable () -> Void) { pool.submit(job) }

    private static let pool = ThreadPool(maxThreads: maxThreads)
}

/// A small pool of threads: a job goes to an idle thread, or to a new one while there are fewer than the maximum,
/// or waits in order.
private final class ThreadPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var threads = 0
    private var idle = 0
    private let maxThreads: Int

    init(maxThreads: Int) { self.maxThreads = maxThreads }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let spawn = jobs.count - head > idle && threads < maxThreads
        if spawn { threads += 1 }
        condition.signal()
        condition.unlock()
        if spawn {
            let t = Thread { [self] in work() }
            t.name = "tabletalk.blocking"
            t.start()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs[head]
            head += 1
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}

/// A flag set from another thread (task cancellation) and polled by blocking work.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func stop() { flag.store(true, ordering: .relaxed) }
    var isStopped: Bool { flag.load(ordering: .relaxed) }
}
