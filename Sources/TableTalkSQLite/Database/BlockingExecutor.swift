import Dispatch
import Synchronization

/// Runs blocking SQLite and file work on its own threads, off Swift's cooperative pool, so a 10-second
/// query or a long ingest never starves other tasks.
enum BlockingExecutor {
    private static let queue = DispatchQueue(label: "tabletalk.sqlite", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// A flag set from another thread (task cancellation) and polled by blocking work.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func stop() { flag.store(true, ordering: .relaxed) }
    var isStopped: Bool { flag.load(ordering: .relaxed) }
}
