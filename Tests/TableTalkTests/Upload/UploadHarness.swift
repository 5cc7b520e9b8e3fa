import Foundation
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// A full runtime (real SQLite adapters) over a temporary data directory, for the upload and query tests.
/// "Restarting" builds a fresh runtime over the same directory, as a new process would.
struct UploadHarness {
    let dataDir: URL
    let runtime: TableTalkRuntime
    let adjust: @Sendable (inout AppConfiguration) -> Void

    init(dataDir: URL = PackagePaths.tempDir("tt-up"), _ adjust: @escaping @Sendable (inout AppConfiguration) -> Void = { _ in }) throws {
        self.dataDir = dataDir
        self.adjust = adjust
        runtime = try TestRuntime.make(dataDir: dataDir, adjust)
    }

    func restarted() throws -> UploadHarness { try UploadHarness(dataDir: dataDir, adjust) }

    func client(_ principal: Principal = .local) async throws -> TestClient {
        try await TestClient.initialized(broker: runtime.broker, principal: principal)
    }

    /// `rows` lines of a small sales file: region, integer sales with thousands separators, ISO dates.
    static func salesCSV(rows: Int) -> Data {
        var text = "Region,Sales,Order Date\n"
        let regions = ["Europe", "Asia", "Americas", "Africa"]
        for i in 0..<rows {
            text += "\(regions[i % 4]),\"\(1 + i),\(String(format: "%03d", (i * 37) % 1000))\",2024-03-\(String(format: "%02d", 1 + i % 28))\n"
        }
        return Data(text.utf8)
    }
}

extension TestClient {
    /// Sends `data` as `upload.chunk` parts of `chunk` bytes starting at `from`; returns the last `received`.
    @discardableResult
    func sendChunks(_ id: String, _ data: Data, chunk: Int, from: Int = 0, upTo: Int? = nil) async throws -> Int64 {
        var offset = from
        var received: Int64 = Int64(from)
        let end = upTo ?? data.count
        while offset < end {
            let part = data[offset..<min(offset + chunk, end)]
            received = try await call(UploadChunkRequest(uploadId: id, offset: Int64(offset), data: Data(part).base64EncodedString())).received
            offset += part.count
        }
        return received
    }

    /// begin + chunks + finish.
    func upload(_ data: Data, name: String, table: String? = nil, sha256: String? = nil, chunk: Int = 64) async throws -> UploadResult {
        let begun = try await call(UploadBeginRequest(name: name, size: Int64(data.count), sha256: sha256, table: table))
        try await sendChunks(begun.uploadId, data, chunk: chunk)
        return try await call(UploadFinishRequest(uploadId: begun.uploadId))
    }

    /// The error a request fails with (fails the test by throwing when it succeeds).
    func error<R: RPCRequest>(_ request: R) async throws -> RPCError {
        do {
            _ = try await call(request)
        } catch TestClientError.rpc(let e) {
            return e
        }
        throw UnexpectedSuccess(method: R.method)
    }
}

/// A request that should have failed succeeded.
struct UnexpectedSuccess: Error, CustomStringConvertible {
    let method: String
    var description: String { "\(method) succeeded but an error was expected" }
}
