public import Foundation
public import Logging
public import TableTalkCore
public import TableTalkProtocol
import Synchronization

/// The gateway's event port: capabilities publish what happened (``publish(_:principal:data:)``) without knowing who
/// listens; the broker fans each event out to the external plugins that asked for it in their `initialize` reply
/// (`capabilities.events`). Publishing never waits: each plugin has a bounded queue (``EventOutlet``) that drops its
/// oldest event when full.
public final class DomainEvents: Sendable {
    /// Events queued per plugin before the oldest is dropped.
    public static let defaultCapacity = 1024

    private let outlets = Mutex<[EventOutlet]>([])
    /// Where plugins' `events.deliver` requests go (``setTargetSink(_:)``).
    let targetSink = Mutex<(any EventTargetSink)?>(nil)

    public init() {}

    /// Publishes `name` with `data` (any Encodable wire value, encoded at once) for `principal` (nil: gateway-wide).
    /// Returns at once; does nothing when no plugin subscribed to `name`.
    public func publish(_ name: String, principal: Principal?, data: some Encodable & Sendable) {
        let targets = outlets.withLock { $0 }.filter { $0.wants(name) }
        guard !targets.isEmpty, let value = try? JSONValue(encoding: data) else { return }
        let event = DomainEvent(name: name, principal: principal, data: value)
        for t in targets { t.offer(event) }
    }

    /// Sends the events `plugin` subscribes to (learned at each handshake) to it.
    func attach(_ plugin: ExternalPlugin, capacity: Int = DomainEvents.defaultCapacity, logger: Logger) {
        let outlet = EventOutlet(plugin: plugin, capacity: capacity, logger: logger)
        outlets.withLock { $0.append(outlet) }
    }

    /// Per plugin namespace: events delivered (written to its stdin), dropped (queue full) and waiting.
    public var counts: [String: EventOutlet.Counts] {
        Dictionary(outlets.withLock { $0 }.map { ($0.namespace, $0.counts) }, uniquingKeysWith: { a, _ in a })
    }
}

extension RequestContext {
    /// Where handlers publish domain events (``DomainEvents``).
    public var events: DomainEvents { hub.events }
}
