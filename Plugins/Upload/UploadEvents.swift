import TableTalkBroker
import TableTalkCore
import TableTalkProtocol

/// The upload namespace's domain events: `upload.ready` when an import made a table, `upload.failed` when it was
/// refused (checksum, unreadable file). They carry names and counts, never cell values.
enum UploadEvents {
    /// `upload.ready` data: the table made, its size and column names.
    struct Ready: Encodable, Sendable {
        let uploadId: String
        let table: String
        let rowCount: Int
        let columns: [String]
        let replaced: Bool
        let warnings: [String]
    }

    /// `upload.failed` data: the upload and why.
    struct Failed: Encodable, Sendable {
        let uploadId: String
        let message: String
    }

    /// Publishes `upload.ready` for `result` and returns it.
    static func ready(_ result: UploadResult, _ ctx: RequestContext) -> UploadResult {
        let t = result.table
        ctx.events.publish(
            "upload.ready", principal: ctx.principal,
            data: Ready(
                uploadId: result.uploadId, table: t.name, rowCount: t.rowCount, columns: t.columns.map(\.name),
                replaced: result.replaced, warnings: result.warnings))
        return result
    }

    /// The request's progress sink: notifies the connection and publishes `upload.failed` on the `failed` phase.
    static func sink(_ ctx: RequestContext) -> UploadManager.ProgressSink {
        { note in
            await ctx.notify(note)
            if note.phase == .failed {
                ctx.events.publish(
                    "upload.failed", principal: ctx.principal, data: Failed(uploadId: note.uploadId, message: note.message ?? "failed"))
            }
        }
    }
}
