import ArgumentParser
import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization
import TableTalkApp
import TableTalkCore
import TableTalkSQLite
import TableTalkWebSocket

/// `tabletalk-bench upload`: the file uploaded through a running gateway (`upload.begin` over WebSocket, raw
/// `PUT /uploads/{id}?offset=N` parts over HTTP, `upload.finish`) against a plain ``SQLiteIngestor`` ingest of the
/// same file in the same process, alternating. The PUT phase is also compared with the same parts sent to a bare
/// Hummingbird route that discards them (``DiscardServer``), to show what the HTTP layer alone costs.
struct UploadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Upload through the gateway (WebSocket + PUT parts) vs a plain ingest of the same file.")

    @OptionGroup var input: CSVInputOptions
    @Option(help: "Measured runs of each side.") var runs: Int = 3
    @Option(help: "PUT part size in MiB (default: the chunkSize upload.begin suggests).") var partMib: Int?
    @Flag(help: "Announce the file's sha256 in upload.begin, so the gateway verifies it (computed before the runs).")
    var sha256 = false

    func run() async throws {
        let work = try input.makeWorkDir()
        defer { input.cleanUp(work) }
        say("TableTalk upload benchmark (\(BenchClock.machine())); anchor = SQLiteIngestor.ingest of the same file in this process")
        let csv = try input.prepare(in: work)

        // Quiet the in-process server's own log lines (startup info, shutdown noise); failures still throw.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .critical
            return handler
        }
        let logger = Logger(label: "bench")
        var config = AppConfiguration(dataDir: work.appendingPathComponent("gateway"))
        config.maxUploadBytes = max(config.maxUploadBytes, csv.bytes)
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        let token = runtime.tokens.createEphemeral(principal: .local)
        let tokens = runtime.tokens
        let started = AsyncStream<Int>.makeStream()
        let server = GatewayServer(
            broker: runtime.broker,
            configuration: .init(host: "127.0.0.1", port: 0, authenticate: { tokens.authenticate($0) }), logger: logger)
        let serverTask = Task { try await server.run { started.continuation.yield($0) } }
        defer { serverTask.cancel() }
        let discardStarted = AsyncStream<Int>.makeStream()
        let discardTask = Task { try await DiscardServer.run { discardStarted.continuation.yield($0) } }
        defer { discardTask.cancel() }
        var ports = started.stream.makeAsyncIterator()
        var discardPorts = discardStarted.stream.makeAsyncIterator()
        guard let port = await ports.next(), let discardPort = await discardPorts.next() else {
            throw BenchFailure("the servers did not start")
        }
        say("  gateway on 127.0.0.1:\(port) (in process; data dir \(config.dataDir.path))")

        let anchor = SQLiteIngestor(dataDirectory: work.appendingPathComponent("anchor"), configuration: .init(rawFiles: .none))
        var digest: String?
        if sha256 {
            digest = try await DataAdapters(dataDir: work.appendingPathComponent("hash")).hasher.sha256(of: csv.url)
            say("  announcing sha256 \(digest!)")
        }
        let client = UploadClient(port: port, token: token, partBytes: partMib.map { $0 << 20 }, sha256: digest)
        var plain: [Double] = [], total: [Double] = [], puts: [Double] = [], finish: [Double] = [], bare: [Double] = []
        say("  each measurement starts with no dirty pages left by the one before (sync) and no background work;")
        say("  each side re-uses its table name, so every run after the first replaces the table (and the upload's raw file)")
        say("  and the data directory does not grow from run to run")
        BenchClock.settleDisk()
        for run in 1...max(runs, 1) {
            let order = run % 2 == 1 ? [true, false] : [false, true]
            var parts: [String] = []
            for uploadTurn in order {
                if uploadTurn {
                    let t = try await client.upload(file: csv.url, size: csv.bytes, table: "bench_u")
                    total.append(t.total)
                    puts.append(t.put)
                    finish.append(t.finish)
                    parts.append(String(
                        format: "upload %.3f s (begin %.3f + %d PUTs %.3f + finish %.3f; %d rows)", t.total, t.begin, t.parts,
                        t.put, t.finish, t.rows))
                    // The bare-route anchor for the PUT phase, once the upload's checkpoint is done.
                    await BenchClock.waitUntilIdle()
                    BenchClock.settleDisk()
                    let chunk = t.chunk
                    let (url, size) = (csv.url, csv.bytes)
                    let t0 = BenchClock.now()
                    _ = try await UploadClient.onThread {
                        try UploadClient.putParts(file: url, size: size, chunk: chunk, port: discardPort, token: "") { _ in "/discard" }
                    }
                    bare.append(BenchClock.seconds(since: t0))
                    parts.append(String(format: "same PUTs to a bare route %.3f s", bare.last!))
                } else {
                    let t0 = BenchClock.now()
                    let r = try await anchor.ingest(file: csv.url, table: "bench_a", sourceName: csv.url.lastPathComponent, for: .local) { _ in }
                    let s = BenchClock.seconds(since: t0)
                    plain.append(s)
                    parts.append(String(format: "plain ingest %.3f s (%d rows)", s, r.table.rowCount))
                }
                // Let the background WAL checkpoint of the load just done finish, and its pages reach the disk,
                // before the next measurement.
                await BenchClock.waitUntilIdle()
                BenchClock.settleDisk()
            }
            say("  run \(run): " + parts.joined(separator: " | "))
        }
        let u = TimingStats(total), p = TimingStats(plain), put = TimingStats(puts)
        let mb = Double(csv.bytes) / 1e6
        sayRow("upload total (begin → finish reply)", u.text)
        sayRow("  of which PUT parts", "\(put.text)   \(String(format: "%.0f MB/s", mb / put.median))")
        sayRow("  of which upload.finish (ingest)", TimingStats(finish).text)
        sayRow("same PUT parts to a bare Hummingbird route", "\(TimingStats(bare).text)   \(String(format: "%.0f MB/s", mb / TimingStats(bare).median))")
        sayRow("plain ingest (SQLiteIngestor.ingest)", p.text)
        sayRow("upload / plain ingest", TimingStats.ratio(u, p, goal: 1.2))
        sayRow("PUT phase alone, relative to plain ingest", String(format: "%.0f%% (median / median)", put.median / max(p.median, 1e-9) * 100))
    }
}

/// Uploads one file the way a browser would: `upload.begin` and `upload.finish` over a WebSocket JSON-RPC
/// connection, the bytes as raw `PUT /uploads/{id}?offset=N` parts on the same port.
struct UploadClient: Sendable {
    let port: Int
    let token: String
    let partBytes: Int?
    /// Announced in `upload.begin` when set.
    var sha256: String? = nil

    struct Timing {
        var begin = 0.0, put = 0.0, finish = 0.0
        var parts = 0
        var chunk = 0
        var rows = 0
        var total: Double { begin + put + finish }
    }

    func upload(file: URL, size: Int64, table: String) async throws -> Timing {
        let box = Mutex<Result<Timing, any Error>?>(nil)
        let (port, token, partBytes, sha256) = (self.port, self.token, self.partBytes, self.sha256)
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/rpc?token=\(token)", configuration: .init(maxFrameSize: 16 << 20), logger: WSLoad.logger
        ) { inbound, outbound, _ in
            var rpc = JSONRPCConnection(messages: inbound.messages(maxSize: 16 << 20).makeAsyncIterator(), outbound: outbound)
            do {
                _ = try await rpc.call("initialize", ["protocolVersion": "1.0"])
                var timing = Timing()
                let t0 = BenchClock.now()
                var params: [String: Any] = ["name": file.lastPathComponent, "size": size, "table": table]
                if let sha256 { params["sha256"] = sha256 }
                let begun = try await rpc.call("upload.begin", params)
                guard let id = begun["uploadId"] as? String else { throw BenchFailure("upload.begin: no uploadId in \(begun)") }
                let chunk = partBytes ?? (begun["chunkSize"] as? Int) ?? (4 << 20)
                timing.chunk = chunk
                let t1 = BenchClock.now()
                timing.parts = try await Self.onThread {
                    try Self.putParts(file: file, size: size, chunk: chunk, port: port, token: token) { "/uploads/\(id)?offset=\($0)" }
                }
                let t2 = BenchClock.now()
                let finished = try await rpc.call("upload.finish", ["uploadId": id])
                let t3 = BenchClock.now()
                timing.rows = ((finished["table"] as? [String: Any])?["rowCount"] as? Int) ?? -1
                (timing.begin, timing.put, timing.finish) =
                    (BenchClock.seconds(from: t0, to: t1), BenchClock.seconds(from: t1, to: t2), BenchClock.seconds(from: t2, to: t3))
                box.withLock { $0 = .success(timing) }
            } catch {
                box.withLock { $0 = .failure(error) }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        guard let result = box.withLock({ $0 }) else { throw BenchFailure("the WebSocket connection ended early") }
        return try result.get()
    }

    /// Sends the file in parts of `chunk` bytes over one keep-alive connection, each to `path(offset)`; returns the
    /// number of parts.
    static func putParts(file: URL, size: Int64, chunk: Int, port: Int, token: String, path: (Int64) -> String) throws -> Int {
        let http = try RawHTTPClient(port: port)
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var offset: Int64 = 0
        var parts = 0
        while offset < size {
            guard let data = try handle.read(upToCount: chunk), !data.isEmpty else { break }
            let (status, body) = try data.withUnsafeBytes {
                try http.put(path: path(offset), headers: ["Authorization": "Bearer \(token)"], body: $0)
            }
            guard status == 200 else { throw BenchFailure("PUT part at \(offset): HTTP \(status) \(body)") }
            offset += Int64(data.count)
            parts += 1
        }
        return parts
    }

    /// Runs blocking work on its own thread (keeps the cooperative pool free for the gateway under test).
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            Thread { c.resume(with: Result { try work() }) }.start()
        }
    }
}
