import CSQLite
import Dispatch
import Synchronization
import TableTalkCore

/// Stops a running statement within a few milliseconds of its deadline or of a cancellation, whatever it does:
/// a progress handler checks both every few hundred VM steps, a timer calls `sqlite3_interrupt` at the deadline
/// (for a step that runs long between checks), a cancellation interrupts at once, and the reader of rows calls
/// ``shouldStop`` before converting each row. Should the statement still not return (one call inside SQLite that
/// never looks at the interrupt flag), the caller is answered anyway ``grace`` later (``arm(giveUp:)``) and the
/// thread finishes on its own. Remembers why it stopped.
final class QueryControl: Sendable {
    enum Reason: Int { case none = 0, timeout, cancelled }

    /// VM steps between two progress checks (a check is one clock read, so this costs little).
    static let progressSteps: Int32 = 256
    /// How long after the deadline or a cancellation the caller is answered when the statement has not stopped.
    static let grace: Duration = .milliseconds(60)

    private let deadline: UInt64
    private let flag: CancellationFlag?
    private let reasonStore = Atomic<Int>(0)
    /// The live connection's address while a statement may run (0 otherwise), guarded so an interrupt never
    /// touches a closed handle.
    private let db = Mutex<UInt>(0)
    /// Timers of ``arm(giveUp:)`` (guarded by `timerLock`).
    nonisolated(unsafe) private var timers: [any DispatchSourceTimer] = []
    nonisolated(unsafe) private var giveUp: (@Sendable (Reason) -> Void)?
    private let timerLock = Mutex<Void>(())

    init(timeout: Duration, cancellation: CancellationFlag?) {
        let (s, a) = timeout.components
        let ns = UInt64(max(0, s)) &* 1_000_000_000 &+ UInt64(max(0, a / 1_000_000_000))
        deadline = DispatchTime.now().uptimeNanoseconds &+ ns
        flag = cancellation
    }

    var reason: Reason { Reason(rawValue: reasonStore.load(ordering: .relaxed)) ?? .none }

    /// Starts the deadline timer and listens for cancellation; `giveUp` is called (at most once) ``grace`` after
    /// the statement should have stopped, for a caller that must be answered even if it has not. Call
    /// ``disarm()`` when done.
    func arm(giveUp: @escaping @Sendable (Reason) -> Void) {
        timerLock.withLock { _ in self.giveUp = giveUp }
        schedule(at: DispatchTime(uptimeNanoseconds: deadline)) { [weak self] in self?.stop(.timeout) }
        flag?.onCancel { [weak self] in self?.interrupt() }
    }

    /// Cancels the timers (the statement has returned).
    func disarm() {
        timerLock.withLock { _ in
            for t in timers { t.cancel() }
            timers = []
            giveUp = nil
        }
    }

    /// Installs the progress handler (every `progressSteps` VM steps; 0: none) on `db`, which the deadline timer
    /// and a cancellation then interrupt. A statement attached after its deadline is interrupted at once.
    func attach(_ connection: OpaquePointer, progressSteps: Int32 = QueryControl.progressSteps) {
        db.withLock { $0 = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection))) }
        if progressSteps > 0 {
            sqlite3_progress_handler(connection, progressSteps, progressCallback, Unmanaged.passUnretained(self).toOpaque())
        }
        if check() != 0 { sqlite3_interrupt(connection) }
        if timerLock.withLock({ _ in timers.isEmpty && giveUp == nil }) {
            // Not armed (a direct use): the deadline timer still interrupts.
            schedule(at: DispatchTime(uptimeNanoseconds: deadline)) { [weak self] in self?.stop(.timeout) }
        }
    }

    /// Forgets the connection and the timers (call before closing the connection).
    func detach() {
        db.withLock { $0 = 0 }
        disarm()
    }

    /// Stops the statement as cancelled.
    func interrupt() { stop(.cancelled) }

    private func stop(_ why: Reason) {
        reasonStore.compareExchange(expected: 0, desired: why.rawValue, ordering: .relaxed)
        db.withLock { address in
            if address != 0, let p = OpaquePointer(bitPattern: address) { sqlite3_interrupt(p) }
        }
        let (s, a) = Self.grace.components
        let later = DispatchTime.now().uptimeNanoseconds + UInt64(s) * 1_000_000_000 + UInt64(a / 1_000_000_000)
        schedule(at: DispatchTime(uptimeNanoseconds: later)) { [weak self] in
            guard let self else { return }
            let call = timerLock.withLock { _ in
                let g = giveUp
                giveUp = nil
                return g
            }
            call?(reason)
        }
    }

    private func schedule(at time: DispatchTime, _ handler: @escaping @Sendable () -> Void) {
        let t = DispatchSource.makeTimerSource(queue: Self.timerQueue)
        t.schedule(deadline: time, leeway: .milliseconds(5))
        t.setEventHandler(handler: handler)
        timerLock.withLock { _ in timers.append(t) }
        t.resume()
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

    /// A serial queue: its thread is Dispatch's "overcommit" kind, so timers fire even when every CPU is busy.
    private static let timerQueue = DispatchQueue(label: "tabletalk.query-deadline")
}

private let progressCallback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { ctx in
    guard let ctx else { return 0 }
    return Unmanaged<QueryControl>.fromOpaque(ctx).takeUnretainedValue().check()
}
