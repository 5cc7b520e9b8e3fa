import CSQLite
import Dispatch
import Synchronization
import TableTalkCore

/// Stops a running statement within a few milliseconds of its deadline or of a cancellation, whatever it does:
/// a progress handler checks both every few hundred VM steps, a timer calls `sqlite3_interrupt` at the deadline
/// (for a step that runs long between checks), a cancellation interrupts at once, and the reader of rows calls
/// ``checkpoint()`` before converting each row. Remembers why it stopped.
final class QueryControl: Sendable {
    enum Reason: Int { case none = 0, timeout, cancelled }

    /// VM steps between two progress checks (a check is one clock read, so this costs little).
    static let progressSteps: Int32 = 256

    private let deadline: UInt64
    private let flag: CancellationFlag?
    private let reasonStore = Atomic<Int>(0)
    /// The live connection's address while a statement may run (0 otherwise), guarded so an interrupt never
    /// touches a closed handle.
    private let db = Mutex<UInt>(0)
    /// Fires `sqlite3_interrupt` at the deadline while a statement runs (guarded by `timerLock`).
    nonisolated(unsafe) private var timer: (any DispatchSourceTimer)?
    private let timerLock = Mutex<Void>(())

    init(timeout: Duration, cancellation: CancellationFlag?) {
        let (s, a) = timeout.components
        let ns = UInt64(max(0, s)) &* 1_000_000_000 &+ UInt64(max(0, a / 1_000_000_000))
        deadline = DispatchTime.now().uptimeNanoseconds &+ ns
        flag = cancellation
    }

    var reason: Reason { Reason(rawValue: reasonStore.load(ordering: .relaxed)) ?? .none }

    /// Installs the progress handler (every `progressSteps` VM steps; 0: none) and the deadline timer on `db` and
    /// registers for cancellation.
    func attach(_ connection: OpaquePointer, progressSteps: Int32 = QueryControl.progressSteps) {
        db.withLock { $0 = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection))) }
        if progressSteps > 0 {
            sqlite3_progress_handler(connection, progressSteps, progressCallback, Unmanaged.passUnretained(self).toOpaque())
        }
        let t = DispatchSource.makeTimerSource(queue: Self.timerQueue)
        t.schedule(deadline: DispatchTime(uptimeNanoseconds: deadline), leeway: .milliseconds(5))
        t.setEventHandler { [self] in stop(.timeout) }
        timerLock.withLock { _ in timer = t }
        t.resume()
        flag?.onCancel { [self] in interrupt() }
    }

    /// Forgets the connection and the timer (call before closing the connection).
    func detach() {
        timerLock.withLock { _ in
            timer?.cancel()
            timer = nil
        }
        db.withLock { $0 = 0 }
    }

    /// Stops the statement as cancelled.
    func interrupt() { stop(.cancelled) }

    private func stop(_ why: Reason) {
        reasonStore.compareExchange(expected: 0, desired: why.rawValue, ordering: .relaxed)
        db.withLock { address in
            if address != 0, let p = OpaquePointer(bitPattern: address) { sqlite3_interrupt(p) }
        }
    }

    /// Non-zero stops the statement.
    func check() -> Int32 {
        if flag?.isCancelled == true {
            reasonStore.compareExchange(expected: 0, desired: Reason.cancelled.rawValue, ordering: .relaxed)
            return 1
        }
        if DispatchTime.now().uptimeNanoseconds > deadline {
            reasonStore.compareExchange(expected: 0, desired: Reason.timeout.rawValue, ordering: .relaxed)
            return 1
        }
        return reason == .none ? 0 : 1
    }

    /// True when the statement must stop now (between rows, before converting big cells).
    var shouldStop: Bool { check() != 0 }

    private static let timerQueue = DispatchQueue(label: "tabletalk.query-deadline")
}

private let progressCallback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { ctx in
    guard let ctx else { return 0 }
    return Unmanaged<QueryControl>.fromOpaque(ctx).takeUnretainedValue().check()
}
