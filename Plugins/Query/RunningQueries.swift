import Synchronization
import TableTalkCore
import TableTalkProtocol

/// The `query.run` requests in flight, per connection, so `query.cancel {id}` can reach the one it names.
/// Each entry is the request's own cancellation flag (the one `$/cancelRequest` sets too).
final class RunningQueries: Sendable {
    private let byConnection = Mutex<[String: [RequestID: CancellationFlag]]>([:])

    func begin(connection: String, id: RequestID, flag: CancellationFlag) {
        byConnection.withLock { $0[connection, default: [:]][id] = flag }
    }

    func end(connection: String, id: RequestID) {
        byConnection.withLock { all in
            all[connection]?[id] = nil
            if all[connection]?.isEmpty == true { all[connection] = nil }
        }
    }

    /// Cancels the query `id` of `connection`; false when no such query is running.
    func cancel(connection: String, id: RequestID) -> Bool {
        guard let flag = byConnection.withLock({ $0[connection]?[id] }) else { return false }
        flag.cancel()
        return true
    }

    var count: Int { byConnection.withLock { $0.values.reduce(0) { $0 + $1.count } } }
}
