import Synchronization

/// Where one awaited outcome lands, set once by whichever comes first (the plugin's reply, the timeout, a
/// cancellation, the process ending); later attempts are ignored. Waiting also ends on Swift task cancellation.
final class PluginReplySlot<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiter: CheckedContinuation<Value, Never>?
    }

    private let state = Mutex(State())

    init() {}

    var isSet: Bool { state.withLock { $0.value != nil } }

    /// Sets the outcome; returns false when one was already set.
    @discardableResult
    func set(_ value: Value) -> Bool {
        let waiter = state.withLock { s -> CheckedContinuation<Value, Never>?? in
            guard s.value == nil else { return .none }
            s.value = value
            defer { s.waiter = nil }
            return .some(s.waiter)
        }
        guard case .some(let w) = waiter else { return false }
        w?.resume(returning: value)
        return true
    }

    /// Waits for the outcome; when the waiting task is cancelled, `onTaskCancel` runs (it should call ``set(_:)``).
    func wait(onTaskCancel: @escaping @Sendable () -> Void) async -> Value {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Value, Never>) in
                let ready = state.withLock { s -> Value? in
                    if let v = s.value { return v }
                    s.waiter = c
                    return nil
                }
                if let ready { c.resume(returning: ready) }
            }
        } onCancel: {
            onTaskCancel()
        }
    }
}
