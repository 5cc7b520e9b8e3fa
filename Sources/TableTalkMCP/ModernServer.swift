import Foundation
import MCP

/// Serves MCP 2026-07-28 requests with the same tools and resources as the handshake revisions (``TableTalkTools``,
/// ``TableResources``, ``ToolCatalog``): only the envelope differs.
///
/// Our own small types carry this revision because the Swift SDK (0.12.1) knows revisions up to 2025-11-25 only: its
/// `Server` requires no `_meta` envelope, has no `server/discover` or `subscriptions/listen`, adds no `resultType`,
/// and sends list changes unsolicited. Each request runs in its own task; `notifications/cancelled` cancels it, which
/// cancels the broker request under it, and a cancelled request gets no reply.
actor ModernServer {
    let tools: TableTalkTools
    let resources: TableResources
    let identity: ServerIdentity
    let listens: ListenStreams
    private var running: [String: Task<Void, Never>] = [:]
    private var listening: [String: Task<Void, Never>] = [:]

    init(tools: TableTalkTools, resources: TableResources, identity: ServerIdentity, listens: ListenStreams) {
        self.tools = tools
        self.resources = resources
        self.identity = identity
        self.listens = listens
    }

    /// Starts answering `request` (a message with an id and a method); returns at once.
    func receive(_ request: WireMessage, outbox: Outbox) async {
        guard let id = request.id, let method = request.method else { return }
        let key = ListenStreams.key(id)
        guard running[key] == nil else {
            await outbox.send(WireFrame.error(id, .invalidRequest("Request id \(id) is already in flight")))
            return
        }
        let params = request.params
        let task = Task {
            let reply: Data?
            do {
                let envelope = try ModernEnvelope(params: params)
                let result = try await self.answer(method, params ?? [:], envelope: envelope, id: id, outbox: outbox)
                reply = WireFrame.result(id, result)
            } catch is CancellationError {
                reply = nil
            } catch {
                reply = Task.isCancelled ? nil : WireFrame.error(id, WireError(error))
            }
            self.finished(key)
            if let reply { await outbox.send(reply) }
        }
        running[key] = task
        if method == "subscriptions/listen" { listening[key] = task }
    }

    /// A client notification: `notifications/cancelled` stops its request; the revision defines no other.
    func notify(_ message: WireMessage) {
        guard message.method == "notifications/cancelled", let params = message.params else { return }
        let id: ID?
        switch params["requestId"] {
        case .string(let s)?: id = .string(s)
        case .int(let n)?: id = .number(n)
        default: id = nil
        }
        if let id { running[ListenStreams.key(id)]?.cancel() }
    }

    /// End of input: closes the listen streams gracefully and waits until their closing results are written.
    func finish() async {
        await listens.closeAll()
        for task in listening.values { await task.value }
    }

    private func finished(_ key: String) {
        running[key] = nil
        listening[key] = nil
    }

    /// One request's result (off the actor: tool calls run side by side, only bookkeeping is serialized).
    private nonisolated func answer(
        _ method: String, _ params: [String: Value], envelope: ModernEnvelope, id: ID, outbox: Outbox
    ) async throws -> Value {
        let info = identity.info
        switch method {
        case "server/discover":
            return try ModernResult.complete(DiscoverResult(identity: identity), cacheable: true, serverInfo: info)
        case ListTools.name:
            return try ModernResult.complete(ListTools.Result(tools: ToolCatalog.tools), cacheable: true, serverInfo: info)
        case CallTool.name:
            guard let name = params["name"]?.stringValue else { throw WireError.invalidParams("tools/call needs a tool name") }
            let arguments: [String: Value]?
            switch params["arguments"] {
            case nil, .null?: arguments = nil
            case .object(let object)?: arguments = object
            default: throw WireError.invalidParams("tools/call arguments must be an object")
            }
            let progress = envelope.progressToken.map { token in
                ProgressReporter(token: token) { p in
                    if let params = try? Value(p) { await outbox.send(WireFrame.notification(ProgressNotification.name, params)) }
                }
            }
            let result = try await tools.call(name, arguments: arguments, progress: progress)
            return try ModernResult.complete(result, cacheable: false, serverInfo: info)
        case ListResources.name:
            return try ModernResult.complete(try await resources.list(), cacheable: true, serverInfo: info)
        case ListResourceTemplates.name:
            let templates = ListResourceTemplates.Result(templates: [TableResources.template])
            return try ModernResult.complete(templates, cacheable: true, serverInfo: info)
        case ReadResource.name:
            guard let uri = params["uri"]?.stringValue else { throw WireError.invalidParams("resources/read needs a uri") }
            do {
                return try ModernResult.complete(try await resources.read(uri), cacheable: true, serverInfo: info)
            } catch let error as MCPError where error.code == TableResources.notFoundCode {
                // 2026-07-28 retired -32002: an unknown resource is a bad parameter.
                throw WireError(code: -32602, message: "Resource not found: \(uri)", data: ["uri": .string(uri)])
            }
        case "subscriptions/listen":
            guard let filter = params["notifications"]?.objectValue else {
                throw WireError.invalidParams("subscriptions/listen needs a notifications filter")
            }
            let meta = try await listens.listen(id: id, filter: filter, outbox: outbox)
            return try ModernResult.complete(Value.object(["_meta": meta]), cacheable: false, serverInfo: info)
        default:
            throw WireError.methodNotFound(method)
        }
    }
}
