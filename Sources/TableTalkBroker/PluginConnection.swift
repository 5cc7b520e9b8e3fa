import Foundation
public import TableTalkCore
public import TableTalkProtocol
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running plugin process and the requests in flight to it. Every request ends, whatever the plugin does:
/// with its reply, with `pluginUnavailable` when it times out or the process ends (or closes a pipe), or with
/// `requestCancelled` when the client cancels (the plugin is then sent `$/cancelRequest`, which it may ignore).
/// Writes go through one serial queue, so a plugin that stops reading blocks only that queue, never a caller.
final class PluginConnection: Sendable {
    typealias Reply = Result<JSONValue, RPCError>
    /// Longest line accepted from a plugin before it is treated as broken.
    static let maxLineBytes = 64 << 20
    /// How long the end of output and the process's exit wait for each other (the exit status makes the better message).
    static let exitGrace: Duration = .milliseconds(300)

    let namespace: String
    let process: PluginProcess
    let writer: DispatchQueue
    private let onLost: @Sendable (PluginConnection, String) -> Void
    private let onNotification: @Sendable (RawNotification) -> Void
    private let onRequest: @Sendable (String, JSONValue?) async -> Reply

    private struct State {
        var nextID: Int64 = 0
        var pending: [Int64: PluginReplySlot<Reply>] = [:]
        var lost: String?
        var exit: String?
        var outputEnded = false
        var garbageReported = 0
    }
    private let state = Mutex(State())

    /// Spawns the process; call ``run()`` once it is stored, to start reading.
    init(
        namespace: String, command: [String], onLost: @escaping @Sendable (PluginConnection, String) -> Void,
        onNotification: @escaping @Sendable (RawNotification) -> Void,
        onRequest: @escaping @Sendable (String, JSONValue?) async -> Reply = { method, _ in .failure(.methodNotFound(method)) }
    ) throws(SystemCallError) {
        self.namespace = namespace
        self.process = try PluginProcess.spawn(command)
        self.writer = DispatchQueue(label: "plugin-\(namespace)-writer")
        self.onLost = onLost
        self.onNotification = onNotification
        self.onRequest = onRequest
    }

    /// Starts the threads that read the plugin's output and wait for its exit.
    func run() {
        let reader = Thread { [self] in readLoop() }
        reader.name = "plugin-\(namespace)-reader"
        reader.start()
        let waiter = Thread { [self] in waitLoop() }
        waiter.name = "plugin-\(namespace)-waiter"
        waiter.start()
    }

    var isLost: Bool { state.withLock { $0.lost != nil } }

    func unavailable(_ why: String, reason: String) -> RPCError {
        RPCError(
            .pluginUnavailable, "plugin \"\(namespace)\" \(why)",
            data: ["namespace": .string(namespace), "reason": .string(reason)])
    }

    /// Sends a request and waits for its outcome (never longer than `timeout` seconds).
    func request(_ method: String, params: JSONValue?, timeout: Double, cancellation: CancellationFlag?) async -> Reply {
        let slot = PluginReplySlot<Reply>()
        let registered = state.withLock { s -> Int64? in
            guard s.lost == nil else { return nil }
            s.nextID += 1
            s.pending[s.nextID] = slot
            return s.nextID
        }
        guard let id = registered else { return .failure(unavailable(state.withLock { $0.lost } ?? "is not running", reason: "exited")) }
        guard let message = try? MessageEncoder().request(id: .number(id), method: method, params: params ?? .object([:])) else {
            _ = finish(id, .failure(.internalError("cannot encode \(method)")))
            return await slot.wait {}
        }
        send(message)
        let timer = Task { [weak self] in
            try? await Task.sleep(for: .seconds(timeout))
            guard !Task.isCancelled, let self else { return }
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            let error = self.unavailable("did not answer \"\(method)\" within \(seconds) s", reason: "timeout")
            if self.finish(id, .failure(error)) { self.forwardCancel(id) }
        }
        let cancel: @Sendable () -> Void = { [weak self] in
            guard let self, self.finish(id, .failure(.cancelled)) else { return }
            self.forwardCancel(id)
        }
        cancellation?.onCancel(cancel)
        let result = await slot.wait(onTaskCancel: cancel)
        timer.cancel()
        return result
    }

    /// Sends a notification (dropped once the process is gone).
    func notify(method: String, params: JSONValue?) {
        guard !isLost, let data = try? MessageEncoder().notification(method: method, params: params ?? .object([:])) else { return }
        send(data)
    }

    /// Ends the process group and fails what is in flight with `why` (idempotent; the first reason wins).
    func lose(_ why: String) {
        let pending = state.withLock { s -> [PluginReplySlot<Reply>]? in
            guard s.lost == nil else { return nil }
            s.lost = why
            defer { s.pending = [:] }
            return Array(s.pending.values)
        }
        guard let pending else { return }
        onLost(self, why)
        let error = unavailable(why, reason: "exited")
        pending.forEach { $0.set(.failure(error)) }
        writer.async { [process] in process.closeInput() }
        process.release()
    }

    // MARK: - Plumbing

    private func finish(_ id: Int64, _ reply: Reply) -> Bool {
        let slot = state.withLock { $0.pending.removeValue(forKey: id) }
        return slot?.set(reply) ?? false
    }

    private func forwardCancel(_ id: Int64) {
        notify(method: CancelRequestNotification.method, params: ["id": .int(id)])
    }

    private func send(_ message: Data) {
        var framed = message
        framed.append(0x0A)
        let line = framed
        writer.async { [self] in
            do {
                try process.write(line)
            } catch {
                lose("closed its input (\(error))")
            }
        }
    }

    private func readLoop() {
        var splitter = PluginLineSplitter(maxLineBytes: Self.maxLineBytes)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { buffer.deallocate() }
        reading: while true {
            let n = read(process.output, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            do {
                for line in try splitter.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) { handle(line) }
            } catch {
                lose("wrote a line longer than \(Self.maxLineBytes) bytes")
                break reading
            }
        }
        close(process.output)
        state.withLock { $0.outputEnded = true }
        let exit = waitFor(Self.exitGrace) { $0.exit }
        lose(exit ?? "closed its output")
    }

    private func waitLoop() {
        let exit = process.waitForExit()
        state.withLock { $0.exit = exit }
        // Let the reader take the lines written before the exit (a last reply) first.
        _ = waitFor(Self.exitGrace) { $0.outputEnded ? true : nil }
        lose(exit)
        process.reapWatchdog()
    }

    /// Polls the state until `probe` gives a value or `limit` passes.
    private func waitFor<T>(_ limit: Duration, _ probe: (State) -> T?) -> T? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let v = state.withLock({ probe($0) }) { return v }
            if ContinuousClock.now >= deadline { return nil }
            usleep(5_000)
        }
    }

    private func handle(_ line: Data) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: line) else {
            reportGarbage("a line that is not JSON")
            return
        }
        switch PluginMessage(value, namespace: namespace) {
        case .reply(let id, let reply):
            _ = finish(id, reply)  // a late reply (after a timeout or cancel) is dropped
        case .notification(let method, let params):
            onNotification(RawNotification(method: method, params: params))
        case .request(let id, let method, let params):
            let rid: RequestID? = id.intValue.map { .number($0) } ?? id.stringValue.map { .string($0) }
            guard let rid else { return }
            let answer = onRequest
            Task { [self] in
                switch await answer(method, params) {
                case .success(let result):
                    send((try? MessageEncoder().response(id: rid, result: result)) ?? MessageEncoder().error(id: rid, error: .internalError("cannot encode the reply")))
                case .failure(let error): send(MessageEncoder().error(id: rid, error: error))
                }
            }
        case .garbage(let what):
            reportGarbage(what)
        }
    }

    /// Notes on stderr what the plugin wrote that was ignored (the first few times only).
    private func reportGarbage(_ what: String) {
        let report = state.withLock { s -> Bool in
            s.garbageReported += 1
            return s.garbageReported <= 3
        }
        guard report else { return }
        let text = "tabletalk: plugin \"\(namespace)\" wrote \(what); ignored\n"
        _ = Array(text.utf8).withUnsafeBytes { PluginProcess.writeAll(2, $0) }
    }
}

/// A notification from a plugin, forwarded with its params as they came.
struct RawNotification: Sendable {
    let method: String
    let params: JSONValue?
}

extension ConnectionHub {
    /// Forwards a plugin's notification to every initialized session, or, when its params carry
    /// `_meta.principal`, only to that principal's sessions (without the `_meta`).
    func notifyRaw(_ note: RawNotification) async {
        let (params, principal) = PluginRequestMeta.routing(note.params)
        for s in allSessions() where principal == nil || s.principal == principal {
            await s.sendNotification(method: note.method, params: params)
        }
    }
}
