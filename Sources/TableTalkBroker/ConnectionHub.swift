public import TableTalkCore
public import TableTalkProtocol
import Synchronization

/// The live sessions, for notification fan-out (`monitoring.alert` to everyone, `upload.progress` to a principal).
public final class ConnectionHub: Sendable {
    private let sessions = Mutex<[String: Session]>([:])
    private let onChange = Mutex<[@Sendable (Int) -> Void]>([])
    /// Domain events for subscribed plugins (see ``DomainEvents``).
    public let events = DomainEvents()

    public init() {}

    public var count: Int { sessions.withLock { $0.count } }

    func add(_ session: Session) {
        let n = sessions.withLock { $0[session.id] = session; return $0.count }
        onChange.withLock { $0 }.forEach { $0(n) }
    }

    func remove(_ session: Session) {
        let n = sessions.withLock { $0[session.id] = nil; return $0.count }
        onChange.withLock { $0 }.forEach { $0(n) }
    }

    /// Calls `handler` with the number of live sessions whenever it changes.
    public func observeCount(_ handler: @escaping @Sendable (Int) -> Void) {
        onChange.withLock { $0.append(handler) }
    }

    func allSessions() -> [Session] { sessions.withLock { Array($0.values) } }

    /// Sends to every initialized session, or only those of `principal`.
    public func notify<N: RPCNotification>(_ notification: N, principal: Principal? = nil) async {
        let targets = sessions.withLock { Array($0.values) }
        for s in targets where principal == nil || s.principal == principal {
            await s.notify(notification)
        }
    }
}
