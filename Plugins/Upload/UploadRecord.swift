import Foundation
import TableTalkCore
import TableTalkProtocol

/// The sidecar of one upload (`<uploadId>.json` next to `<uploadId>.part`): enough to answer `upload.status` and
/// resume after a restart. `received` is reconciled with the part file's size when loaded.
struct UploadRecord: Codable, Sendable, Hashable {
    var uploadId: String
    /// The owning principal's id (checked on every access: directories of two ids may coincide).
    var principal: String
    var name: String
    var size: Int64
    var sha256: String?
    /// The table name as the ingest will likely normalize it (authoritative once `ready`).
    var table: String
    /// The `table` param as the client sent it (the ingestor normalizes it; nil: the file stem).
    var requestedTable: String?
    var received: Int64
    var phase: UploadPhase
    var message: String?
    var createdAt: Date
    var updatedAt: Date
    /// Set when the parts go straight to a ``DirectUploadTarget`` (nil: they arrive here, in the part file).
    var direct: DirectUploadHandle?

    var status: UploadStatus {
        UploadStatus(uploadId: uploadId, name: name, size: size, received: received, phase: phase, table: table, message: message)
    }

    /// Percent of `part` in `whole`, 0…100, one decimal.
    static func percent(_ part: Int64, of whole: Int64) -> Double {
        guard whole > 0 else { return 100 }
        return (Double(min(part, whole)) * 1000 / Double(whole)).rounded() / 10
    }
}
