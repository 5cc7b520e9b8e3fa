import Foundation
import Synchronization
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkSQLite
import TableTalkTestSupport
import TableTalkUpload

/// Parts streamed into the upload's file as their bytes arrive (``UploadPartReceiver/openPart``, what
/// `PUT /uploads/{id}` uses), and checksums computed while the parts arrive.
@Suite struct UploadStreamedPartTests {
    static func receiver(_ h: UploadHarness) throws -> any UploadPartReceiver {
        try #require(h.runtime.broker.registry.uploadPartReceiver)
    }

    /// Streams `data` as one part, in pieces of `piece` bytes; returns the committed total.
    static func stream(
        _ data: Data, to receiver: any UploadPartReceiver, id: String, offset: Int64, piece: Int = 1000,
        principal: Principal = .local
    ) async throws -> Int64 {
        let data = Data(data)  // indices from 0, whatever slice came in
        let part = try await receiver.openPart(uploadId: id, offset: offset, length: Int64(data.count), principal: principal)
        var at = 0
        while at < data.count {
            let end = min(at + piece, data.count)
            try data[at..<end].withUnsafeBytes { try part.append($0) }
            at = end
        }
        return try await part.commit()
    }

    /// The SHA-256 the server computes for `data` (written to a temporary file and hashed by the real adapter).
    static func sha256(_ data: Data) async throws -> String {
        let dir = PackagePaths.tempDir("tt-sha")
        let file = dir.appendingPathComponent("f")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await DataAdapters(dataDir: dir).hasher.sha256(of: file)
    }

    @Test func streamedPartsBecomeATableWithProgress() async throws {
        let h = try UploadHarness()
        let client = try await h.client(Principal("alice"))
        let receiver = try Self.receiver(h)
        let csv = UploadHarness.salesCSV(rows: 300)
        let id = try await client.call(UploadBeginRequest(name: "streamed.csv", size: Int64(csv.count))).uploadId
        let half = csv.count / 2
        #expect(try await Self.stream(csv.prefix(half), to: receiver, id: id, offset: 0, principal: Principal("alice")) == Int64(half))
        let total = try await Self.stream(csv.suffix(from: half), to: receiver, id: id, offset: Int64(half), principal: Principal("alice"))
        #expect(total == Int64(csv.count))
        _ = try await client.sink.first { $0["method"] == "upload.progress" && $0["params"]?["bytes"]?.intValue == total }
        #expect(try await client.call(UploadStatusRequest(uploadId: id)).received == total)
        let result = try await client.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.name == "streamed" && result.table.rowCount == 300)
    }

    @Test func aCancelledPartLeavesTheUploadAtItsOffsetEvenAfterARestart() async throws {
        let h = try UploadHarness()
        let receiver = try Self.receiver(h)
        let csv = UploadHarness.salesCSV(rows: 100)
        let id = try await h.client().call(UploadBeginRequest(name: "cut.csv", size: Int64(csv.count))).uploadId
        _ = try await Self.stream(csv.prefix(500), to: receiver, id: id, offset: 0)

        // The connection drops halfway through the next part.
        let part = try await receiver.openPart(uploadId: id, offset: 500, length: 1000, principal: .local)
        try csv[500..<900].withUnsafeBytes { try part.append($0) }
        await part.cancel()
        #expect(try await h.client().call(UploadStatusRequest(uploadId: id)).received == 500)

        // The cut-off bytes are gone from disk too: a new process resumes from 500.
        let restarted = try h.restarted()
        let client = try await restarted.client()
        #expect(try await client.call(UploadStatusRequest(uploadId: id)).received == 500)
        let total = try await Self.stream(csv.suffix(from: 500), to: Self.receiver(restarted), id: id, offset: 500)
        #expect(total == Int64(csv.count))
        #expect(try await client.call(UploadFinishRequest(uploadId: id)).table.rowCount == 100)
    }

    @Test func aNewerPartReplacesOneStillArriving() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        let receiver = try Self.receiver(h)
        let csv = UploadHarness.salesCSV(rows: 50)
        // The checksum proves that no byte of a replaced part is left in the file.
        let sha = try await Self.sha256(csv)
        let id = try await client.call(UploadBeginRequest(name: "one.csv", size: Int64(csv.count), sha256: sha)).uploadId
        // A part stalls halfway (its connection hangs); the client retries the same offset on a new one.
        let stalled = try await receiver.openPart(uploadId: id, offset: 0, length: 100, principal: .local)
        try Data(repeating: 0x21, count: 60).withUnsafeBytes { try stalled.append($0) }
        let retry = try await receiver.openPart(uploadId: id, offset: 0, length: 100, principal: .local)
        try csv.prefix(50).withUnsafeBytes { try retry.append($0) }
        // The stalled connection wakes up: its bytes are refused and so is its commit.
        #expect(throws: TableTalkError.self) { try Data(repeating: 0x21, count: 40).withUnsafeBytes { try stalled.append($0) } }
        do {
            _ = try await stalled.commit()
            Issue.record("a replaced part was committed")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadOffsetMismatch)
        }
        await stalled.cancel()  // what a transport does after a failed part: must not cut the retry's bytes
        try csv[50..<100].withUnsafeBytes { try retry.append($0) }
        #expect(try await retry.commit() == 100)
        // `upload.chunk` at the same offset replaces a streamed part too.
        let third = try await receiver.openPart(uploadId: id, offset: 100, length: nil, principal: .local)
        try csv[100..<150].withUnsafeBytes { try third.append($0) }
        try await client.sendChunks(id, csv, chunk: 400, from: 100)
        await #expect(throws: TableTalkError.self) { _ = try await third.commit() }
        let result = try await client.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.rowCount == 50)
    }

    @Test func aPartPastTheAnnouncedSizeIsRefusedAsItArrives() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        let receiver = try Self.receiver(h)
        let id = try await client.call(UploadBeginRequest(name: "s.csv", size: 10)).uploadId
        // Length unknown up front (a chunked body): refused when the 11th byte arrives.
        let part = try await receiver.openPart(uploadId: id, offset: 0, length: nil, principal: .local)
        try Data("a,b\n1,2\n".utf8).withUnsafeBytes { try part.append($0) }
        do {
            try Data("3,4\n".utf8).withUnsafeBytes { try part.append($0) }
            Issue.record("a part past the announced size was accepted")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadTooLarge)
        }
        await part.cancel()
        // Length known up front: refused before any byte is written.
        await #expect(throws: TableTalkError.self) {
            _ = try await receiver.openPart(uploadId: id, offset: 0, length: 11, principal: .local)
        }
        #expect(try await client.call(UploadStatusRequest(uploadId: id)).received == 0)
    }

    @Test func abortingDuringAPartMakesItsCommitFail() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        let receiver = try Self.receiver(h)
        let id = try await client.call(UploadBeginRequest(name: "gone.csv", size: 100)).uploadId
        let part = try await receiver.openPart(uploadId: id, offset: 0, length: 4, principal: .local)
        try Data("a,b\n".utf8).withUnsafeBytes { try part.append($0) }
        #expect(try await client.call(UploadAbortRequest(uploadId: id)).aborted)
        do {
            _ = try await part.commit()
            Issue.record("a part of an aborted upload was committed")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadNotFound)
        }
    }

    // MARK: - Checksums computed while the parts arrive

    @Test func aChecksumSpanningManyBlocksIsVerified() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        let receiver = try Self.receiver(h)
        let csv = UploadHarness.salesCSV(rows: 60_000)  // ~2.4 MB: several of the hasher's 1 MiB blocks
        let sha = try await Self.sha256(csv)
        let id = try await client.call(UploadBeginRequest(name: "big.csv", size: Int64(csv.count), sha256: sha)).uploadId
        var offset = 0
        while offset < csv.count {
            let end = min(offset + 700_000, csv.count)
            _ = try await Self.stream(csv[offset..<end], to: receiver, id: id, offset: Int64(offset), piece: 65_536)
            offset = end
        }
        #expect(try await client.call(UploadFinishRequest(uploadId: id)).table.rowCount == 60_000)
    }

    @Test func aChecksumIsStillVerifiedWhenTheUploadResumesAfterARestart() async throws {
        let h = try UploadHarness()
        let csv = UploadHarness.salesCSV(rows: 200)
        let sha = try await Self.sha256(csv)
        let (good, bad) = try await {
            let client = try await h.client()
            let good = try await client.call(UploadBeginRequest(name: "good.csv", size: Int64(csv.count), sha256: sha)).uploadId
            let bad = try await client.call(
                UploadBeginRequest(name: "bad.csv", size: Int64(csv.count), sha256: String(repeating: "ab", count: 32))
            ).uploadId
            for id in [good, bad] { try await client.sendChunks(id, csv, chunk: 1000, upTo: 3000) }
            return (good, bad)
        }()

        let restarted = try h.restarted()  // the running checksums are gone; the bytes before the restart still count
        let client = try await restarted.client()
        for id in [good, bad] {
            #expect(try await client.call(UploadStatusRequest(uploadId: id)).received == 3000)
            try await client.sendChunks(id, csv, chunk: 1000, from: 3000)
        }
        #expect(try await client.call(UploadFinishRequest(uploadId: good)).table.rowCount == 200)
        let mismatch = try await client.error(UploadFinishRequest(uploadId: bad))
        #expect(mismatch.code == .uploadChecksumMismatch)
        #expect(mismatch.data?["actual"]?.stringValue == sha)
        #expect(try await client.call(UploadStatusRequest(uploadId: bad)).phase == .failed)
        #expect(try await client.call(QueryTablesRequest()).tables.map(\.name) == ["good"])
    }

    @Test func aChecksumIsVerifiedWhenTheRestartCameAfterTheLastByte() async throws {
        let h = try UploadHarness()
        let csv = UploadHarness.salesCSV(rows: 20)
        let client = try await h.client()
        let id = try await client.call(
            UploadBeginRequest(name: "late.csv", size: Int64(csv.count), sha256: String(repeating: "0", count: 64))
        ).uploadId
        try await client.sendChunks(id, csv, chunk: 100)
        let error = try await h.restarted().client().error(UploadFinishRequest(uploadId: id))
        #expect(error.code == .uploadChecksumMismatch)
        #expect(error.data?["actual"]?.stringValue == (try await Self.sha256(csv)))
    }

    @Test func theChecksumIsComputedWhileThePartsArriveAndFromTheFileAfterARestart() async throws {
        let dir = PackagePaths.tempDir("tt-digest")
        let hasher = CountingHasher(real: DataAdapters(dataDir: dir).hasher)
        let manager = {
            UploadManager(
                configuration: .init(directory: dir.appendingPathComponent("uploads")),
                ingestor: SQLiteIngestor(dataDirectory: dir), hasher: hasher)
        }
        let csv = UploadHarness.salesCSV(rows: 500)
        let sha = try await Self.sha256(csv)
        let first = manager()
        var ids: [String] = []
        for name in ["live.csv", "restarted.csv"] {
            let id = try await first.begin(name: name, size: Int64(csv.count), sha256: sha, table: nil, principal: .local).uploadId
            _ = try await first.receive(id, offset: 0, data: csv.prefix(4000), principal: .local) { _ in }
            _ = try await first.receive(id, offset: 4000, data: csv.suffix(from: 4000), principal: .local) { _ in }
            ids.append(id)
        }
        #expect(try await first.finish(ids[0], principal: .local) { _ in }.table.rowCount == 500)
        #expect(hasher.wholeFiles.withLock { $0 } == 0)
        // A new process has no running digest of the complete upload: it hashes the file.
        #expect(try await manager().finish(ids[1], principal: .local) { _ in }.table.rowCount == 500)
        #expect(hasher.wholeFiles.withLock { $0 } == 1)
    }
}

/// The real hasher, counting how often a whole file is hashed (rather than the running digest used).
final class CountingHasher: ContentHasher {
    let real: any ContentHasher
    let wholeFiles = Mutex(0)

    init(real: any ContentHasher) { self.real = real }

    func sha256(of file: URL) async throws -> String {
        wholeFiles.withLock { $0 += 1 }
        return try await real.sha256(of: file)
    }

    func runningSHA256() -> (any RunningDigest)? { real.runningSHA256() }
}
