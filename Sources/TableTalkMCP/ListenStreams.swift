import MCP

/// The open `subscriptions/listen` streams of MCP 2026-07-28, which replace the handshake revisions' unsolicited
/// notifications and `resources/subscribe`: a client opts in per stream, and only to what it asked for.
///
/// Each stream is a request held open: acknowledged first (`notifications/subscriptions/acknowledged`, naming the
/// events honored: the resource list only, since tools never change and single resources cannot be subscribed),
/// then every frame carries the stream's id in `_meta`. The client ends it with `notifications/cancelled` (no reply);
/// the server ends them all at end of input with a result (a graceful close).
actor ListenStreams {
    private struct Stream {
        let id: ID
        let outbox: Outbox
        let wantsResourceList: Bool
        var acknowledged = false
        /// The resource list changed while the acknowledgement was being written (sent right after it).
        var missed = false
        var end: CheckedContinuation<Void, any Error>?
    }

    private var streams: [String: Stream] = [:]
    private var closing = false

    var count: Int { streams.count }

    /// Serves one `subscriptions/listen` request until the client cancels it (throws `CancellationError`: no reply)
    /// or ``closeAll()`` (returns the closing result's `_meta`).
    func listen(id: ID, filter: [String: Value], outbox: Outbox) async throws -> Value {
        let key = Self.key(id)
        let meta: Value = [ModernEnvelope.subscriptionKey: WireFrame.value(of: id)]
        let wants = filter["resourcesListChanged"]?.boolValue == true
        streams[key] = Stream(id: id, outbox: outbox, wantsResourceList: wants)
        let honored: Value = wants ? ["resourcesListChanged": true] : [:]
        await outbox.send(
            WireFrame.notification("notifications/subscriptions/acknowledged", ["notifications": honored, "_meta": meta]))
        if closing { return meta }
        guard var stream = streams[key] else { throw CancellationError() }
        stream.acknowledged = true
        streams[key] = stream
        if stream.missed { await send(stream) }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (end: CheckedContinuation<Void, any Error>) in
                if closing { end.resume() } else if streams[key] == nil { end.resume(throwing: CancellationError()) } else {
                    streams[key]?.end = end
                }
            }
        } onCancel: {
            Task { await self.cancel(key) }
        }
        return meta
    }

    /// Tells every stream that asked for it that the resource list changed.
    func resourceListChanged() async {
        for (key, stream) in streams where stream.wantsResourceList {
            if stream.acknowledged { await send(stream) } else { streams[key]?.missed = true }
        }
    }

    /// Ends every stream gracefully (end of input), and refuses none later: a stream opened after this closes at once.
    func closeAll() {
        closing = true
        for stream in streams.values { stream.end?.resume() }
        streams = [:]
    }

    private func cancel(_ key: String) {
        streams.removeValue(forKey: key)?.end?.resume(throwing: CancellationError())
    }

    private func send(_ stream: Stream) async {
        let meta: Value = [ModernEnvelope.subscriptionKey: WireFrame.value(of: stream.id)]
        await stream.outbox.send(WireFrame.notification("notifications/resources/list_changed", ["_meta": meta]))
    }

    static func key(_ id: ID) -> String {
        switch id {
        case .string(let s): return "s:" + s
        case .number(let n): return "n:\(n)"
        }
    }
}
