public import Foundation
public import TableTalkCore
public import TableTalkProtocol

/// Something that happened in the gateway that other systems may want to hear of (`upload.ready`, `table.dropped`,
/// `chat.answered`…), as sent to subscribed plugins in `events.publish`. It carries its owner (nil: the whole gateway,
/// e.g. `monitoring.alert`) so that a plugin keeps each principal's subscriptions apart.
public struct DomainEvent: Sendable, Hashable {
    /// The event name (`upload.ready`).
    public var name: String
    /// Unique per event (`evt_` + 32 hex digits): receivers use it to drop duplicates.
    public var id: String
    public var time: Date
    public var principal: Principal?
    /// The event's facts (never query result rows).
    public var data: JSONValue

    public init(name: String, principal: Principal?, data: JSONValue, id: String? = nil, time: Date = Date()) {
        self.name = name
        self.principal = principal
        self.data = data
        self.id = id ?? "evt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        self.time = time
    }

    /// The params of `events.publish`: `{event, id, time, principal, data}`.
    public var params: JSONValue {
        [
            "event": .string(name), "id": .string(id), "time": .string(time.formatted(.iso8601)),
            "principal": principal.map { .string($0.id) } ?? .null, "data": data,
        ]
    }
}
