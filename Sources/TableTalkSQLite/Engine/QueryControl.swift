import CSQLite
import Dispatch
import Synchronization
import TableTalkCore

/// Stops a running statement: a progress handler checks the deadline and the cancellation flag every few
/// thousand VM steps, and a cancellation calls `sqlite3_interrupt` at once. Remembers why it stopped.
final class QueryControl: Sendable {
    enum Reason: Int { case none = 0, timeout, cancelled }

    private let deadline: UInt64
    private let flag: CancellationFlag?
    private let reasonStore = Atomic<Int>(0)
    /// The live connection's address while a statement may run (0 otherwise), guarded so an interrupt never
    /// touches a closed handle.
    private let db = Mutex<UInt>(0)

    init(timeout: Duration, cancellation: CancellationFlag?) {
        let (s, a) = timeout.components
        let ns = UInt64(max(0, s)) &* 1_000_000_000 &+ UInt64(max(0, a / 1_000_000_000))
        deadline = DispatchTime.now().uptimeNanoseconds &+ ns
        flag = cancellation
    }

    var reason: Reason { Reason(rawValue: reasonStore.load(ordering: .relaxed)) ?? .none }

    /// Installs the progress handler on `db` and registers for cancellation.
    func attach(_ connection: OpaquePointer) {
        db.withLock { $0 = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection))) }
        sqlite3_progress_handler(connection, 2000, progressCallback, Unmanaged.passUnretained(self).toOpaque())
        flag?.onCancel { [self] in interrupt() }
    }

    /// Forgets the connection (call before closing it).
    func detach() { db.withLock { $0 = 0 } }

    func interrupt() {
        reasonStore.compareExchange(expected: 0, desired: Reason.cancelled.rawValue, ordering: .relaxed)
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
}

private let progressCallback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { ctx in
    guard let ctx else { return 0 }
    return Unmanaged<QueryControl>.fromOpaque(ctx).takeUnretainedValue().check()
}
