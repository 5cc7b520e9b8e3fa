import Synchronization

/// Lets a caller stop running work (`query.cancel`, `$/cancelRequest`, a client that went away): handlers check
/// ``isCancelled`` or register ``onCancel(_:)`` (e.g. to call `sqlite3_interrupt`). One is made per request, so it
/// keeps its state inline (no lock object to allocate).
public final class CancellationFlag: Sendable {
    private struct State {
        var cancelled = false
        var handlers: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    public init() {}
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs `handler` on cancellation (at once if already cancelled).
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let now = state.withLock { s -> Bool in
            if s.cancelled { return true }
            s.handlers.append(handler)
            return false
        }
        if now { handler() }
    }

    public func cancel() {
        let hs = state.withLock { s -> [@Sendable () -> Void] in
            if s.cancelled { return [] }
            s.cancelled = true
            defer { s.handlers = [] }
            return s.handlers
        }
        hs.forEach { $0() }
    }
}
