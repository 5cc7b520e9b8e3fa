public import Foundation
public import TableTalkBroker
public import TableTalkCore
import TableTalkProtocol

/// The `upload` namespace: `upload.begin`, `.chunk`, `.finish`, `.abort`, `.status`, `.partUrls`, `.importFile` and
/// `upload.progress` notifications. Also receives raw `PUT /uploads/{id}?offset=N` parts (``UploadPartReceiver``),
/// whose progress goes to every connection of the uploading principal.
///
/// ```swift
/// let uploads = UploadManager(configuration: .init(directory: dataDir.appending(path: "uploads")), ingestor: ingestor, hasher: hasher)
/// let capability = UploadCapability(manager: uploads, hub: hub)
/// ```
public struct UploadCapability: Capability, UploadPartReceiver {
    public let namespace = "upload"
    public let manager: UploadManager
    let hub: ConnectionHub?

    /// - Parameter hub: where progress of `PUT` parts goes (they arrive outside any JSON-RPC connection).
    public init(manager: UploadManager, hub: ConnectionHub?) {
        self.manager = manager
        self.hub = hub
    }

    /// The largest `PUT` body accepted (``UploadConfiguration/maxPartBytes``).
    public var maxPartSize: Int { manager.configuration.maxPartBytes }

    /// Appends a raw `PUT /uploads/{id}?offset=N` part; throws ``TableTalkError`` (`uploadOffsetMismatch`, …).
    public func receivePart(uploadId: String, offset: Int64, data: Data, principal: Principal) async throws -> Int64 {
        let hub = self.hub
        return try await manager.receive(uploadId, offset: offset, data: data, principal: principal) { note in
            await hub?.notify(note, principal: principal)
        }
    }

    /// Starts a raw `PUT` part whose body is written to the upload's file as it arrives.
    public func openPart(uploadId: String, offset: Int64, length: Int64?, principal: Principal) async throws
        -> any UploadPartWriter
    {
        let hub = self.hub
        return try await manager.openPart(uploadId, offset: offset, length: length, principal: principal) { note in
            await hub?.notify(note, principal: principal)
        }
    }

    /// Registers the `upload.*` handlers, the `upload.progress` notification and the raw part receiver.
    public func register(in registry: inout MethodRegistry) {
        let manager = self.manager
        registry.emits(UploadProgressNotification.self)
        registry.setUploadPartReceiver(self)
        registry.register(UploadBeginRequest.self) { r, ctx in
            try await UploadErrors.mapped {
                try await manager.begin(name: r.name, size: r.size, sha256: r.sha256, table: r.table, principal: ctx.principal)
            }
        }
        registry.register(UploadChunkRequest.self) { r, ctx in
            try ctx.checkCancelled()
            guard let data = Self.decodeBase64(r.data) else {
                throw RPCError.invalidParams("field \"data\" is not valid base64")
            }
            return try await UploadErrors.mapped {
                let received = try await manager.receive(r.uploadId, offset: r.offset, data: data, principal: ctx.principal) {
                    await ctx.notify($0)
                }
                return UploadChunkResult(received: received)
            }
        }
        registry.register(UploadFinishRequest.self) { r, ctx in
            try await UploadErrors.mapped {
                UploadEvents.ready(
                    try await manager.finish(r.uploadId, principal: ctx.principal, cancellation: ctx.cancellation, progress: UploadEvents.sink(ctx)),
                    ctx)
            }
        }
        registry.register(UploadAbortRequest.self) { r, ctx in
            try await UploadErrors.mapped { try await manager.abort(r.uploadId, principal: ctx.principal) }
        }
        registry.register(UploadStatusRequest.self) { r, ctx in
            try await UploadErrors.mapped { try await manager.status(r.uploadId, principal: ctx.principal) }
        }
        registry.register(UploadPartUrlsRequest.self) { r, ctx in
            try await UploadErrors.mapped { try await manager.partURLs(r.uploadId, partNumbers: r.partNumbers, principal: ctx.principal) }
        }
        registry.register(UploadImportFileRequest.self) { r, ctx in
            try await UploadErrors.mapped {
                UploadEvents.ready(
                    try await manager.importFile(
                        path: r.path, table: r.table, principal: ctx.principal, cancellation: ctx.cancellation, progress: UploadEvents.sink(ctx)),
                    ctx)
            }
        }
    }

    /// Standard base64, padding optional, whitespace ignored.
    static func decodeBase64(_ text: String) -> Data? {
        if let d = Data(base64Encoded: text) { return d }
        var s = text.filter { !$0.isWhitespace }
        while s.utf8.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}
