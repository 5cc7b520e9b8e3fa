import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization

/// WebSocket load generators: pipelined throughput on one connection, and latency with many connections.
enum WSLoad {
    static let logger: Logger = {
        var l = Logger(label: "bench")
        l.logLevel = .error
        return l
    }()

    /// Requests per second on one connection, `window` messages in flight, for `seconds`.
    static func throughput(url: String, message: String, window: Int, seconds: Double, setup: [String] = []) async throws -> Double {
        let shared = Shared()
        try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), logger: logger) { inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            for s in setup {
                try await outbound.write(.text(s))
                _ = try await messages.next()
            }
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            var done = 0
            let requests = PipelinedRequests.window(message, count: window)
            while ContinuousClock.now < deadline {
                for request in requests { try await outbound.write(.text(request)) }
                for _ in 0..<window { _ = try await messages.next() }
                done += window
            }
            let elapsed = ContinuousClock.now - start
            shared.rate.withLock { $0 = Double(done) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) }
            try await outbound.close(.normalClosure, reason: nil)
        }
        return shared.rate.withLock { $0 }
    }

    /// Latencies (ms) of `clients` concurrent connections each doing request/reply round trips for `seconds`.
    /// - Parameter interval: nil = closed loop (each client sends its next request as soon as the reply arrives,
    ///   so the figure is mostly queueing at saturation); otherwise each client sends one request per interval,
    ///   starting at a random phase, and latency is counted from the scheduled send time (a late reply delays the
    ///   next send, and that delay is counted too, so a stall cannot hide: no coordinated omission).
    static func concurrentLatency(
        url: String, message: String, clients: Int, seconds: Double, interval: Duration? = nil, setup: [String] = []
    ) async throws
        -> (LatencyStats, Int)
    {
        let shared = Shared()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    do {
                        try await WebSocketClient.connect(url: url, logger: logger) { inbound, outbound, _ in
                            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                            for s in setup {
                                try await outbound.write(.text(s))
                                _ = try await messages.next()
                            }
                            shared.connected.add(1, ordering: .relaxed)
                            // Start together: wait until every client is connected (bounded).
                            let waitUntil = ContinuousClock.now + .seconds(30)
                            while shared.connected.load(ordering: .relaxed) < clients && ContinuousClock.now < waitUntil {
                                try await Task.sleep(for: .milliseconds(5))
                            }
                            var mine: [Double] = []
                            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
                            var next = ContinuousClock.now
                            if let interval { next += interval * Double.random(in: 0..<1) }
                            while ContinuousClock.now < deadline {
                                var t0 = ContinuousClock.now
                                if let interval {
                                    if next > t0 { try await Task.sleep(until: next, clock: .continuous) }
                                    t0 = next
                                    next += interval
                                }
                                try await outbound.write(.text(message))
                                _ = try await messages.next()
                                let d = ContinuousClock.now - t0
                                mine.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
                            }
                            shared.all.withLock { $0 += mine }
                            try await outbound.close(.normalClosure, reason: nil)
                        }
                    } catch {
                        shared.errors.add(1, ordering: .relaxed)
                    }
                }
            }
            try await group.waitForAll()
        }
        return (LatencyStats(shared.all.withLock { $0 }), shared.errors.load(ordering: .relaxed))
    }
}

/// State the load generators' connection tasks share.
private final class Shared: Sendable {
    let all = Mutex<[Double]>([])
    let rate = Mutex<Double>(0)
    let connected = Atomic<Int>(0)
    let errors = Atomic<Int>(0)
}
