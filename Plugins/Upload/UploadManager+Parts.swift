import Foundation
import TableTalkCore

extension UploadManager {
    /// A streamed part being received, held weakly (a part nobody holds any more cancels itself).
    struct PartInFlight {
        let token: UInt64
        weak var part: UploadStreamedPart?
    }

    /// Starts a part of `length` bytes (nil: unknown) at `offset`, to be streamed into the upload's file
    /// (``UploadStreamedPart``). Checks what ``receive(_:offset:data:principal:progress:)`` checks. A part still
    /// arriving for the same upload is replaced: its later bytes and its commit fail.
    func openPart(_ id: String, offset: Int64, length: Int64?, principal: Principal, progress: @escaping ProgressSink) throws
        -> UploadStreamedPart
    {
        let record = try load(id, principal)
        try checkPart(record, offset: offset, length: length, principal: principal)
        // Past this many bytes the part is refused, with the error a part of that length would get up front.
        let limit = min(Int64(configuration.maxPartBytes), record.size - offset)
        var limitError = TableTalkError(.uploadTooLarge, "the part is too large")
        do { try checkLength(record, offset: offset, length: limit + 1) } catch let error as TableTalkError { limitError = error }
        let k = key(id, principal)
        replacePartInFlight(k)
        let fd = try store.openPart(id, principal, at: offset)
        nextPartToken += 1
        let ticket = UploadStreamedPart.Ticket(
            id: id, principal: principal, token: nextPartToken, offset: offset, limit: limit, limitError: limitError)
        let part = UploadStreamedPart(manager: self, ticket: ticket, fd: fd, progress: progress)
        partsInFlight[k] = PartInFlight(token: nextPartToken, part: part)
        return part
    }

    /// Stops the streamed part `key` is receiving, if any, before another part (or an abort) takes its place.
    func replacePartInFlight(_ key: String) {
        partsInFlight.removeValue(forKey: key)?.part?.replace()
    }

    /// Counts a streamed part's `written` bytes as received; returns the new total.
    func commitPart(_ ticket: UploadStreamedPart.Ticket, written: Int64, progress: ProgressSink) async throws -> Int64 {
        let k = key(ticket.id, ticket.principal)
        guard partsInFlight[k]?.token == ticket.token else {
            _ = try load(ticket.id, ticket.principal)  // uploadNotFound after an abort
            throw UploadStreamedPart.replacedError(ticket)
        }
        partsInFlight[k] = nil
        var record = try load(ticket.id, ticket.principal)
        guard written > 0 else { return record.received }
        return try await acknowledge(&record, received: ticket.offset + written, principal: ticket.principal, progress: progress)
    }

    /// Forgets a streamed part: the file goes back to the part's offset, and the upload takes parts again.
    func cancelPart(_ ticket: UploadStreamedPart.Ticket) {
        let k = key(ticket.id, ticket.principal)
        guard partsInFlight[k]?.token == ticket.token else { return }
        partsInFlight[k] = nil
        store.truncatePart(ticket.id, ticket.principal, to: ticket.offset)
    }
}
