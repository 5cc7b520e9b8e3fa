import Crypto
import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkProtocol
import TableTalkSQLite
import TableTalkTestSupport
import TableTalkUpload
import Testing

/// The upload capability with S3 as its direct target, on moto_server: `begin` returns part URLs, a client
/// without credentials `PUT`s the parts, `finish` completes and verifies the object and hands it to the real
/// ``SQLiteIngestor``, so the table exists at the end.
@Suite struct S3DirectUploadEndToEndTests {
    struct Fixture {
        let bucket: S3TestBucket
        let target: S3DirectUploads
        let manager: UploadManager
        let engine: SQLiteEngine
        let dataDir: URL
    }

    static func fixture() async throws -> Fixture {
        let bucket = try await S3TestBucket.make("e2e")
        let target = S3DirectUploads(store: bucket.store(), partURLLifetime: .seconds(600))
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("tt-s3-e2e-\(UUID().uuidString.prefix(8))")
        let manager = UploadManager(
            configuration: UploadConfiguration(directory: dataDir.appendingPathComponent("uploads")),
            ingestor: SQLiteIngestor(dataDirectory: dataDir), hasher: nil, directTarget: target)
        return Fixture(bucket: bucket, target: target, manager: manager, engine: SQLiteEngine(dataDirectory: dataDir), dataDir: dataDir)
    }

    static func csv(rows: Int) -> [UInt8] {
        var text = "region,amount,day\n"
        for i in 0..<rows { text += "\(["north", "south", "east"][i % 3]),\(i * 3 + 1),2024-01-\(String(format: "%02d", i % 28 + 1))\n" }
        return Array(text.utf8)
    }

    static func put(_ begin: UploadBeginResult, _ bytes: [UInt8]) async throws {
        for part in try #require(begin.partUrls) {
            let reply = try await S3TestBucket.plainPut(part.url, Array(bytes[Int(part.offset)..<Int(part.offset + part.length)]))
            #expect(reply.status == 200)
        }
    }

    static func pending(_ f: Fixture, _ principal: Principal) async throws -> [S3PendingUpload] {
        let prefix = try f.target.store.bucketKey(for: S3ObjectStore.userKey(principal, "uploads")) + "/"
        return try await f.target.store.multipart.listUploads(prefix: prefix)
    }

    /// The same protocol on both deployments: a client that sends its parts through the server (upload.chunk over
    /// stdio) instead of the part URLs still gets its table, and the target's multipart upload is aborted.
    @Test func partsSentThroughTheServerStillMakeTheTable() async throws {
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let principal = Principal("frank")
        let bytes = Self.csv(rows: 20)
        let begin = try await f.manager.begin(name: "relayed.csv", size: Int64(bytes.count), sha256: nil, table: nil, principal: principal)
        #expect(begin.partUrls?.isEmpty == false)
        let received = try await f.manager.receive(begin.uploadId, offset: 0, data: Data(bytes), principal: principal) { _ in }
        #expect(received == Int64(bytes.count))
        let result = try await f.manager.finish(begin.uploadId, principal: principal) { _ in }
        #expect(result.table.name == "relayed" && result.table.rowCount == 20)
        #expect(try await f.engine.describe(table: "relayed", for: principal).rowCount == 20)
        #expect(try await Self.pending(f, principal).isEmpty, "the unused multipart upload is aborted")
    }

    @Test func beginPutFinishMakesTheTable() async throws {
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let principal = Principal("erin")
        let bytes = Self.csv(rows: 50)
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let begin = try await f.manager.begin(name: "sales.csv", size: Int64(bytes.count), sha256: sha, table: nil, principal: principal)
        #expect(begin.partUrl == nil, "no local PUT path for a direct upload")
        let parts = try #require(begin.partUrls)
        #expect(parts.count == 1 && parts[0].offset == 0 && parts[0].length == Int64(bytes.count))
        let expires = try #require(begin.partUrlsExpireAt.flatMap { try? Date($0, strategy: .iso8601) })
        #expect(expires > Date().addingTimeInterval(500))
        try await Self.put(begin, bytes)
        #expect(try await f.manager.status(begin.uploadId, principal: principal).received == Int64(bytes.count))
        let phases = PhaseLog()
        let result = try await f.manager.finish(begin.uploadId, principal: principal) { await phases.add($0.phase) }
        #expect(result.table.name == "sales")
        #expect(result.table.rowCount == 50)
        #expect(await phases.all.last == .ready)
        let table = try await f.engine.describe(table: "sales", for: principal)
        #expect(table.rowCount == 50)
        #expect(table.columns.map(\.name) == ["region", "amount", "day"])
        let status = try await f.manager.status(begin.uploadId, principal: principal)
        #expect(status.phase == .ready)
        // the staged object and the multipart upload are gone
        let handleKey = S3ObjectStore.userKey(principal, "uploads")
        let listed = try await f.bucket.client.send(
            .s3, method: "GET", path: "/\(f.bucket.name)", query: [(name: "list-type", value: "2"), (name: "prefix", value: try f.target.store.bucketKey(for: handleKey))])
        #expect(AWSXML.values("Key", in: listed.text).isEmpty, "staged object deleted after the ingest")
        #expect(try await Self.pending(f, principal).isEmpty)
    }

    @Test func wrongChecksumFailsTheUploadAndMakesNoTable() async throws {
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let bytes = Self.csv(rows: 5)
        let wrong = String(repeating: "a", count: 64)
        let begin = try await f.manager.begin(name: "bad.csv", size: Int64(bytes.count), sha256: wrong, table: nil, principal: .local)
        try await Self.put(begin, bytes)
        do {
            _ = try await f.manager.finish(begin.uploadId, principal: .local) { _ in }
            Issue.record("a wrong sha256 was accepted")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadChecksumMismatch)
        }
        #expect(try await f.manager.status(begin.uploadId, principal: .local).phase == .failed)
        await #expect(throws: (any Error).self) { _ = try await f.engine.describe(table: "bad", for: .local) }
        #expect(try await f.engine.tables(for: .local).isEmpty)
    }

    @Test func missingPartsKeepTheUploadOpenAndPartUrlsRenewsThem() async throws {
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let bytes = Self.csv(rows: 8)
        let begin = try await f.manager.begin(name: "later.csv", size: Int64(bytes.count), sha256: nil, table: "later", principal: .local)
        do {
            _ = try await f.manager.finish(begin.uploadId, principal: .local) { _ in }
            Issue.record("finished with no parts")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadIncomplete)
            #expect(error.details["missingParts"] == "1")
        }
        #expect(try await f.manager.status(begin.uploadId, principal: .local).phase == .receiving)
        let fresh = try await f.manager.partURLs(begin.uploadId, partNumbers: nil, principal: .local)
        #expect(fresh.partUrls.map(\.partNumber) == [1])
        try await Self.put(UploadBeginResult(uploadId: begin.uploadId, chunkSize: begin.chunkSize, partUrls: fresh.partUrls), bytes)
        let result = try await f.manager.finish(begin.uploadId, principal: .local) { _ in }
        #expect(result.table.name == "later" && result.table.rowCount == 8)
        await #expect(throws: TableTalkError.self) { _ = try await f.manager.partURLs(begin.uploadId, partNumbers: nil, principal: .local) }
    }

    @Test func finishAfterAnInterruptedCompletionStillIngests() async throws {
        // a finish that completed the multipart upload and then stopped (cancelled, restarted) left the object
        // and no multipart upload: the next finish verifies that object and ingests it
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let bytes = Self.csv(rows: 4)
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let begin = try await f.manager.begin(name: "again.csv", size: Int64(bytes.count), sha256: sha, table: nil, principal: .local)
        try await Self.put(begin, bytes)
        let pending = try await Self.pending(f, .local)
        let upload = try #require(pending.first)
        let key = String(upload.key.dropFirst("tt/users/".count))
        _ = try await f.target.completeAndVerify(
            DirectUploadHandle(targetId: upload.uploadId, key: key, size: Int64(bytes.count), partSize: begin.chunkSize), sha256: sha)
        #expect(try await Self.pending(f, .local).isEmpty)
        let result = try await f.manager.finish(begin.uploadId, principal: .local) { _ in }
        #expect(result.table.name == "again" && result.table.rowCount == 4)
        #expect(await f.target.store.exists(key: key) == false, "deleted after the ingest")
    }

    @Test func abortRemovesTheMultipartUpload() async throws {
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let principal = Principal("frank")
        let begin = try await f.manager.begin(name: "gone.csv", size: 20, sha256: nil, table: nil, principal: principal)
        #expect(try await Self.pending(f, principal).count == 1)
        // a second upload of the same principal does not count the first as stale
        let kept = try await f.manager.begin(name: "kept.csv", size: 20, sha256: nil, table: nil, principal: principal)
        #expect(try await Self.pending(f, principal).count == 2)
        let aborted = try await f.manager.abort(begin.uploadId, principal: principal)
        #expect(aborted.aborted)
        #expect(try await Self.pending(f, principal).map(\.key).allSatisfy { !$0.hasSuffix("/gone.csv") })
        _ = try await f.manager.abort(kept.uploadId, principal: principal)
        #expect(try await Self.pending(f, principal).isEmpty)
        await #expect(throws: TableTalkError.self) { _ = try await f.manager.status(begin.uploadId, principal: principal) }
    }

    @Test func importFileStaysLocalWithADirectTarget() async throws {
        let f = try await Self.fixture()
        defer { try? FileManager.default.removeItem(at: f.dataDir) }
        let file = try S3TestBucket.temporaryFile(Self.csv(rows: 3), name: "local.csv")
        let result = try await f.manager.importLocalFile(file, table: nil, principal: .local) { _ in }
        #expect(result.table.rowCount == 3)
        #expect(try await Self.pending(f, .local).isEmpty, "no multipart upload for a local import")
    }
}

/// Collects progress phases across tasks.
actor PhaseLog {
    var all: [UploadPhase] = []
    func add(_ phase: UploadPhase) { all.append(phase) }
}
