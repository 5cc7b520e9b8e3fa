public import Foundation
public import Logging
import Synchronization
import TableTalkCore
import TableTalkProtocol

/// One subscribed plugin's side of ``DomainEvents``: a bounded queue drained by one task that writes
/// `events.publish` notifications to the plugin, one at a time, so a plugin that stops reading holds only its own
/// queue. When full the oldest event is dropped and counted (logged at the first drop and every 1000th). While the
/// plugin is down the queue waits and the outlet restarts the plugin, backing off up to 5 s between tries.
public final class EventOutlet: Sendable {
    /// Delivered, dropped and still queued events.
    public struct Counts: Sendable, Hashable {
        public var delivered = 0
        public var dropped = 0
        public var queued = 0
    }

    /// The notification method the plugin receives.
    public static let method = "events.publish"
    /// Tries to write one event before it is given up (a plugin that dies on it).
    static let maxAttempts = 3

    let plugin: ExternalPlugin
    let capacity: Int
    let logger: Logger
    var namespace: String { plugin.configuration.namespace }

    private struct State {
        var queue: [DomainEvent] = []
        var head = 0
        var draining = false
        var attempts = 0
        var counts = Counts()
    }
    private let state = Mutex(State())

    init(plugin: ExternalPlugin, capacity: Int, logger: Logger) {
        self.plugin = plugin
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    public var counts: Counts {
        state.withLock { s in
            var c = s.counts
            c.queued = s.queue.count - s.head
            return c
        }
    }

    /// Whether the plugin's last handshake listed `name` (exactly, as `prefix.*`, or `*`).
    func wants(_ name: String) -> Bool {
        plugin.subscribedEvents.contains { pattern in
            pattern == name || pattern == "*" || (pattern.hasSuffix(".*") && name.hasPrefix(pattern.dropLast()))
        }
    }

    /// Queues `event` (dropping the oldest when full) and starts the drain if it is idle. Never waits.
    func offer(_ event: DomainEvent) {
        let (start, dropped) = state.withLock { s -> (Bool, Int?) in
            var dropped: Int?
            if s.queue.count - s.head >= capacity {
                s.head += 1
                s.attempts = 0
                s.counts.dropped += 1
                dropped = s.counts.dropped
            }
            if s.head > 64 && s.head * 2 > s.queue.count {
                s.queue.removeFirst(s.head)
                s.head = 0
            }
            s.queue.append(event)
            defer { s.draining = true }
            return (!s.draining, dropped)
        }
        if let dropped, dropped == 1 || dropped % 1000 == 0 {
            logger.warning(
                "plugin \"\(namespace)\" is not reading its events: dropped the oldest (\(dropped) so far)",
                metadata: ["namespace": .string(namespace), "dropped": .stringConvertible(dropped)])
        }
        if start { Task.detached { await self.drain() } }
    }

    /// The first queued event, or nil after marking the drain idle.
    private func next() -> DomainEvent? {
        state.withLock { s in
            guard s.head < s.queue.count else {
                s.queue.removeAll(keepingCapacity: true)
                s.head = 0
                s.draining = false
                return nil
            }
            return s.queue[s.head]
        }
    }

    /// Removes `event` if it is still first (it may have been dropped while it was written); `delivered` counts it.
    private func done(_ event: DomainEvent, delivered: Bool) {
        state.withLock { s in
            s.attempts = 0
            guard s.head < s.queue.count, s.queue[s.head].id == event.id else { return }
            s.head += 1
            if delivered { s.counts.delivered += 1 } else { s.counts.dropped += 1 }
        }
    }

    private func drain() async {
        var backoff = 0.05
        while let event = next() {
            let connection: PluginConnection
            do {
                connection = try await plugin.readyConnection(cancellation: CancellationFlag())
            } catch {
                if plugin.isStopped {
                    while let e = next() { done(e, delivered: false) }
                    return
                }
                try? await Task.sleep(for: .seconds(backoff))
                backoff = min(backoff * 2, 5)
                continue
            }
            backoff = 0.05
            if await connection.notifyWritten(method: Self.method, params: event.params) {
                done(event, delivered: true)
            } else {
                let giveUp = state.withLock { s -> Bool in
                    s.attempts += 1
                    return s.attempts >= Self.maxAttempts
                }
                if giveUp { done(event, delivered: false) }
            }
        }
    }
}
