import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Synchronization
import TableTalkBroker

/// Sends a session's messages as WebSocket text frames, one writer at a time.
///
/// Replies finish on many tasks at once; if each wrote to the connection itself they would contend for its
/// writer, suspending and waking each other (measured: about 10 µs per request). Instead a sender queues its
/// message, and the one that finds nobody writing writes everything queued, in order, until the queue is empty.
/// The others return at once, unless more than ``maxQueued`` messages wait for a client that does not read:
/// then they wait too, so a slow reader holds back the server's work instead of growing its memory.
final class WebSocketSink: MessageSink {
    let outbound: WebSocketOutboundWriter
    static let maxQueued = 256

    private struct State {
        var queue: [Data] = []
        var writing = false
        /// Senders waiting for room in the queue, and callers of ``flush()``.
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    init(outbound: WebSocketOutboundWriter) { self.outbound = outbound }

    func send(_ message: Data) async {
        enum Role { case writer, done, wait }
        let role = state.withLock { s -> Role in
            s.queue.append(message)
            if !s.writing {
                s.writing = true
                return .writer
            }
            return s.queue.count > Self.maxQueued ? .wait : .done
        }
        switch role {
        case .done: return
        case .wait:
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let room = state.withLock { s -> Bool in
                    if !s.writing || s.queue.count <= Self.maxQueued { return true }
                    s.roomWaiters.append(c)
                    return false
                }
                if room { c.resume() }
            }
        case .writer:
            await writeQueued()
        }
    }

    /// Writes until the queue is empty, then hands the role back.
    private func writeQueued() async {
        while true {
            let (batch, waiters) = state.withLock { s -> ([Data], [CheckedContinuation<Void, Never>]) in
                let batch = s.queue
                s.queue = []
                var waiters = s.roomWaiters
                s.roomWaiters = []
                if batch.isEmpty {
                    s.writing = false
                    waiters += s.idleWaiters
                    s.idleWaiters = []
                }
                return (batch, waiters)
            }
            waiters.forEach { $0.resume() }
            if batch.isEmpty { return }
            for message in batch {
                // The bytes are UTF-8 JSON already: frame them as text without a round trip through String.
                // A closed peer fails the write; the rest of the queue is dropped the same way.
                try? await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: message))))
            }
        }
    }

    /// Returns once everything sent so far has been written (before the connection is closed).
    func flush() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { s -> Bool in
                if !s.writing && s.queue.isEmpty { return true }
                s.idleWaiters.append(c)
                return false
            }
            if idle { c.resume() }
        }
    }

    func close() async {
        await flush()
        try? await outbound.close(.normalClosure, reason: "exit")
    }
}
