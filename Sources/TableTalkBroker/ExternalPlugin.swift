public import Foundation
public import TableTalkCore
public import TableTalkProtocol
import Synchronization

/// Runs one external plugin process and proxies requests to it. The broker sends it `initialize` at start and
/// learns its methods from the reply (`capabilities.namespaces[ns].methods`, or a top-level `methods` list).
/// If the process dies, its pending and later requests fail with `pluginUnavailable` (only its own methods);
/// the next call restarts it.
public final class ExternalPlugin: Sendable {
    public let configuration: ExternalPluginConfiguration

    struct State {
        var process: Process?
        var input: FileHandle?
        var nextID: Int64 = 0
        var pending: [Int64: CheckedContinuation<Result<JSONValue, RPCError>, Never>] = [:]
        var methods: [String] = []
        var notifications: [String] = []
        var alive = false
        var lastError: String?
        var hub: ConnectionHub?
    }

    private let state = Mutex(State())

    public init(configuration: ExternalPluginConfiguration) {
        self.configuration = configuration
    }

    public var methods: [String] { state.withLock { $0.methods } }
    public var notifications: [String] { state.withLock { $0.notifications } }
    public var isAlive: Bool { state.withLock { $0.alive } }
    public var lastError: String? { state.withLock { $0.lastError } }

    /// Launches the process and performs the `initialize` handshake.
    public func start(hub: ConnectionHub) async {
        state.withLock { $0.hub = hub }
        do {
            try launch()
            let reply = await send(method: "initialize", params: ["protocolVersion": .string(ProtocolVersion.current)], timeout: configuration.startTimeoutSeconds ?? 10)
            switch reply {
            case .success(let result):
                let ns = result["capabilities"]?["namespaces"]?[configuration.namespace]
                let methods = (ns?["methods"] ?? result["methods"])?.arrayValue?.compactMap(\.stringValue) ?? []
                let notes = (ns?["notifications"] ?? result["notifications"])?.arrayValue?.compactMap(\.stringValue) ?? []
                state.withLock {
                    $0.methods = methods.filter { $0.hasPrefix(configuration.namespace + ".") }
                    $0.notifications = notes
                }
            case .failure(let e):
                state.withLock { $0.lastError = "initialize failed: \(e.message)" }
            }
        } catch {
            state.withLock { $0.lastError = "could not start \(configuration.command.joined(separator: " ")): \(error)" }
        }
    }

    /// Terminates the process.
    public func stop() {
        let p = state.withLock { s -> Process? in
            s.alive = false
            return s.process
        }
        if let p, p.isRunning { p.terminate() }
    }

    /// Proxies a request; returns the raw JSON result.
    func call(method: String, params: JSONValue?, cancellation: CancellationFlag, connection: String) async throws -> Data {
        if !isAlive { try? launch() }
        guard isAlive else { throw unavailable("is not running") }
        let reply = await send(method: method, params: params, timeout: nil, cancellation: cancellation)
        switch reply {
        case .success(let value): return try JSONEncoder().encode(value)
        case .failure(let error): throw error
        }
    }

    /// Forwards a client notification.
    func notify(method: String, params: JSONValue?) {
        guard let data = try? MessageEncoder().notification(method: method, params: params ?? .object([:])) else { return }
        write(data)
    }

    // MARK: - Process plumbing

    private func unavailable(_ why: String) -> RPCError {
        RPCError(.pluginUnavailable, "plugin \"\(configuration.namespace)\" \(why)", data: ["namespace": .string(configuration.namespace)])
    }

    private func launch() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = configuration.command
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        try process.run()
        state.withLock {
            $0.process = process
            $0.input = stdin.fileHandleForWriting
            $0.alive = true
        }
        let reader = stdout.fileHandleForReading
        let thread = Thread { [weak self] in self?.readLoop(reader, process: process) }
        thread.name = "plugin-\(configuration.namespace)"
        thread.start()
    }

    private func readLoop(_ handle: FileHandle, process: Process) {
        var buffer = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let nl = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<nl]
                buffer = Data(buffer[(nl + 1)...])
                if !line.isEmpty { handleLine(Data(line)) }
            }
        }
        process.waitUntilExit()
        let pending = state.withLock { s -> [CheckedContinuation<Result<JSONValue, RPCError>, Never>] in
            guard s.process === process else { return [] }
            s.alive = false
            s.lastError = "exited with status \(process.terminationStatus)"
            defer { s.pending = [:] }
            return Array(s.pending.values)
        }
        let error = unavailable("exited with status \(process.terminationStatus)")
        pending.forEach { $0.resume(returning: .failure(error)) }
    }

    private func handleLine(_ line: Data) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: line) else { return }
        if let id = value["id"]?.intValue, value["method"] == nil {
            let result: Result<JSONValue, RPCError>
            if let err = value["error"], let e = try? err.decode(as: RPCError.self) {
                result = .failure(e)
            } else {
                result = .success(value["result"] ?? .null)
            }
            let cont = state.withLock { $0.pending.removeValue(forKey: id) }
            cont?.resume(returning: result)
        } else if let method = value["method"]?.stringValue, value["id"] == nil {
            let hub = state.withLock { $0.hub }
            let note = RawNotification(method: method, params: value["params"])
            Task { await hub?.notifyRaw(note) }
        }
    }

    /// Writes one encoded message as a line.
    private func write(_ message: Data) {
        var data = message
        data.append(0x0A)
        state.withLock { s in
            guard s.alive, let input = s.input else { return }
            do { try input.write(contentsOf: data) } catch { s.alive = false }
        }
    }

    private func send(method: String, params: JSONValue?, timeout: Double?, cancellation: CancellationFlag? = nil) async
        -> Result<JSONValue, RPCError>
    {
        let id = state.withLock { s -> Int64 in
            s.nextID += 1
            return s.nextID
        }
        guard let message = try? MessageEncoder().request(id: .number(id), method: method, params: params ?? .object([:])) else {
            return .failure(.internalError("cannot encode \(method)"))
        }
        cancellation?.onCancel { [weak self] in
            self?.notify(method: CancelRequestNotification.method, params: ["id": .int(id)])
        }
        if let timeout {
            Task {
                try? await Task.sleep(for: .seconds(timeout))
                let c = self.state.withLock { $0.pending.removeValue(forKey: id) }
                c?.resume(returning: .failure(self.unavailable("did not answer \(method) within \(timeout) s")))
            }
        }
        return await withCheckedContinuation { cont in
            let alive = state.withLock { s -> Bool in
                guard s.alive else { return false }
                s.pending[id] = cont
                return true
            }
            if alive { write(message) } else { cont.resume(returning: .failure(unavailable("is not running"))) }
        }
    }
}

/// A notification from a plugin, forwarded with its params as they came.
struct RawNotification: Sendable {
    let method: String
    let params: JSONValue?
}

extension ConnectionHub {
    /// Forwards a plugin's notification to every initialized session.
    func notifyRaw(_ note: RawNotification) async {
        for s in allSessions() { await s.sendNotification(method: note.method, params: note.params ?? .object([:])) }
    }
}
