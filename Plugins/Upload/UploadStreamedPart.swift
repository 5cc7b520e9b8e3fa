import Foundation
import Synchronization
import TableTalkBroker
import TableTalkCore

/// A part written straight into the upload's file as its bytes arrive (a `PUT` body off the socket), with no
/// copy in between; ``UploadManager`` counts it on ``commit()``. ``cancel()`` (or dropping it) cuts the file back
/// to the part's offset. A newer part for the same upload replaces it (``replace()``).
final class UploadStreamedPart: UploadPartWriter {
    /// Which part of which upload, and how many bytes it may have.
    struct Ticket: Sendable {
        let id: String
        let principal: Principal
        let token: UInt64
        let offset: Int64
        let limit: Int64
        /// Thrown by ``append(_:)`` past `limit`.
        let limitError: TableTalkError
    }

    private struct State {
        var fd: Int32
        var written: Int64 = 0
        var replaced = false
    }

    let ticket: Ticket
    private let manager: UploadManager
    private let progress: UploadManager.ProgressSink
    private let state: Mutex<State>

    init(manager: UploadManager, ticket: Ticket, fd: Int32, progress: @escaping UploadManager.ProgressSink) {
        self.manager = manager
        self.ticket = ticket
        self.progress = progress
        state = Mutex(State(fd: fd))
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { s in
            guard s.fd >= 0 else { throw s.replaced ? Self.replacedError(ticket) : closedError }
            guard s.written + Int64(bytes.count) <= ticket.limit else { throw ticket.limitError }
            try UploadStore.write(bytes, to: s.fd, at: ticket.offset + s.written, ticket.id)
            s.written += Int64(bytes.count)
        }
    }

    func commit() async throws -> Int64 {
        guard let written = close() else {
            guard state.withLock({ $0.replaced }) else { throw closedError }
            // The manager says why (the upload was aborted, or a newer part took over).
            return try await manager.commitPart(ticket, written: 0, progress: progress)
        }
        return try await manager.commitPart(ticket, written: written, progress: progress)
    }

    func cancel() async {
        guard close() != nil else { return }
        await manager.cancelPart(ticket)
    }

    deinit {
        // Neither committed nor cancelled (the transport's task ended abruptly): cut its bytes off again.
        if close() != nil {
            let (manager, ticket) = (self.manager, self.ticket)
            Task { await manager.cancelPart(ticket) }
        }
    }

    /// Stops this part for good because a newer part (or an abort) took its place: its later bytes and its
    /// commit fail. Waits for a write in progress, so nothing of this part lands after the newer part's bytes.
    func replace() {
        state.withLock { s in
            s.replaced = true
            if s.fd >= 0 { Foundation.close(s.fd) }
            s.fd = -1
        }
    }

    static func replacedError(_ ticket: Ticket) -> TableTalkError {
        TableTalkError(
            .uploadOffsetMismatch, "a newer part of upload \(ticket.id) at offset \(ticket.offset) replaced this one",
            details: ["offset": String(ticket.offset)])
    }

    private var closedError: TableTalkError {
        TableTalkError(.invalidArgument, "this part of upload \(ticket.id) is already closed")
    }

    /// Closes the file once; returns the bytes written, or nil when already closed.
    private func close() -> Int64? {
        state.withLock { s in
            guard s.fd >= 0 else { return nil }
            Foundation.close(s.fd)
            s.fd = -1
            return s.written
        }
    }
}
