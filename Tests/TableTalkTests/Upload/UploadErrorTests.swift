import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// Each upload problem fails with its documented code, and leaves no table behind.
@Suite struct UploadErrorTests {
    let small = UploadTests.small

    @Test func wrongOffsetNamesTheExpectedOne() async throws {
        let client = try await UploadHarness().client()
        let id = try await client.call(UploadBeginRequest(name: "s.csv", size: Int64(small.count))).uploadId
        let ahead = try await client.error(UploadChunkRequest(uploadId: id, offset: 5, data: Data(small.prefix(5)).base64EncodedString()))
        #expect(ahead.code == .uploadOffsetMismatch)
        #expect(ahead.data?["expected"] == 0 && ahead.data?["offset"] == 5)
        try await client.sendChunks(id, small, chunk: 8, upTo: 8)
        let replay = try await client.error(UploadChunkRequest(uploadId: id, offset: 0, data: Data(small.prefix(8)).base64EncodedString()))
        #expect(replay.code == .uploadOffsetMismatch && replay.data?["expected"] == 8)
        #expect(try await client.call(UploadStatusRequest(uploadId: id)).received == 8)
    }

    @Test func checksumMismatchFailsTheUploadWithoutATable() async throws {
        let client = try await UploadHarness().client()
        let begun = try await client.call(UploadBeginRequest(name: "bad.csv", size: Int64(small.count), sha256: String(repeating: "0", count: 64)))
        try await client.sendChunks(begun.uploadId, small, chunk: 16)
        let error = try await client.error(UploadFinishRequest(uploadId: begun.uploadId))
        #expect(error.code == .uploadChecksumMismatch)
        #expect(error.data?["actual"]?.stringValue == UploadTests.smallSHA)
        #expect(error.data?["expected"]?.stringValue == String(repeating: "0", count: 64))  // a digest, not the number 0
        let status = try await client.call(UploadStatusRequest(uploadId: begun.uploadId))
        #expect(status.phase == .failed && status.message?.contains("sha256") == true)
        #expect(try await client.call(QueryTablesRequest()).tables.isEmpty)
        let failed = await client.sink.notifications("upload.progress").last
        #expect(failed?["params"]?["phase"] == "failed")
    }

    @Test func oversizeIsRefusedAtBeginAndPastTheAnnouncedSize() async throws {
        let client = try await UploadHarness { $0.maxUploadBytes = 1000 }.client()
        let tooBig = try await client.error(UploadBeginRequest(name: "big.csv", size: 1001))
        #expect(tooBig.code == .uploadTooLarge && tooBig.data?["limit"] == 1000)
        let id = try await client.call(UploadBeginRequest(name: "s.csv", size: 4)).uploadId
        let over = try await client.error(UploadChunkRequest(uploadId: id, offset: 0, data: Data("a,b\n1".utf8).base64EncodedString()))
        #expect(over.code == .uploadTooLarge)
    }

    @Test func finishBeforeTheLastByteIsIncomplete() async throws {
        let client = try await UploadHarness().client()
        let id = try await client.call(UploadBeginRequest(name: "s.csv", size: Int64(small.count))).uploadId
        try await client.sendChunks(id, small, chunk: 10, upTo: 10)
        let error = try await client.error(UploadFinishRequest(uploadId: id))
        #expect(error.code == .uploadIncomplete && error.data?["received"] == 10)
    }

    @Test func aBrokenFileFailsWithItsCodeAndLeavesNoTable() async throws {
        let client = try await UploadHarness().client()
        let broken = Data("a,b\n1,\"never closed\n2,3\n".utf8)
        let begun = try await client.call(UploadBeginRequest(name: "broken.csv", size: Int64(broken.count)))
        try await client.sendChunks(begun.uploadId, broken, chunk: 100)
        let error = try await client.error(UploadFinishRequest(uploadId: begun.uploadId))
        #expect(error.code == .csvUnclosedQuote)
        #expect(try await client.call(UploadStatusRequest(uploadId: begun.uploadId)).phase == .failed)
        #expect(try await client.call(QueryTablesRequest()).tables.isEmpty)
        let again = try await client.error(UploadFinishRequest(uploadId: begun.uploadId))
        #expect(again.code == .invalidParams)
    }

    @Test func badBase64IsInvalidParams() async throws {
        let client = try await UploadHarness().client()
        let id = try await client.call(UploadBeginRequest(name: "s.csv", size: 10)).uploadId
        #expect(try await client.error(UploadChunkRequest(uploadId: id, offset: 0, data: "***")).code == .invalidParams)
    }

    @Test func principalsCannotSeeEachOthersUploadsOrTables() async throws {
        let h = try UploadHarness()
        let alice = try await h.client(Principal("alice"))
        let bob = try await h.client(Principal("bob"))
        let id = try await alice.call(UploadBeginRequest(name: "secret.csv", size: Int64(small.count))).uploadId
        #expect(try await bob.error(UploadStatusRequest(uploadId: id)).code == .uploadNotFound)
        #expect(try await bob.error(UploadChunkRequest(uploadId: id, offset: 0, data: small.base64EncodedString())).code == .uploadNotFound)
        #expect(try await bob.error(UploadAbortRequest(uploadId: id)).code == .uploadNotFound)
        try await alice.sendChunks(id, small, chunk: 100)
        _ = try await alice.call(UploadFinishRequest(uploadId: id))

        #expect(try await alice.call(QueryTablesRequest()).tables.map(\.name) == ["secret"])
        #expect(try await bob.call(QueryTablesRequest()).tables.isEmpty)
        #expect(try await bob.error(QueryDescribeRequest(table: "secret")).code == .tableNotFound)
        #expect(try await bob.error(QueryRunRequest(sql: "SELECT * FROM secret")).code == .tableNotFound)
        // Bob's own upload, under the same table name, is a different table.
        _ = try await bob.upload(Data("x\n1\n2\n3\n".utf8), name: "secret.csv")
        #expect(try await alice.call(QueryRunRequest(sql: "SELECT count(*) FROM secret")).rows == [[2]])
        #expect(try await bob.call(QueryRunRequest(sql: "SELECT count(*) FROM secret")).rows == [[3]])
    }
}

/// Cancelling `upload.finish` keeps every byte, so the upload can be finished later.
@Suite struct UploadCancelTests {
    @Test func cancelledFinishLeavesTheUploadResumable() async throws {
        let client = try await UploadHarness().client()
        let csv = UploadHarness.salesCSV(rows: 10)
        let id = try await client.call(UploadBeginRequest(name: "later.csv", size: Int64(csv.count))).uploadId
        try await client.sendChunks(id, csv, chunk: 1000)
        // In one batch, the cancel is handled while admitting it: the finish starts already cancelled.
        await client.send([
            ["jsonrpc": "2.0", "id": "fin", "method": "upload.finish", "params": ["uploadId": .string(id)]],
            ["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": "fin"]],
        ])
        let batch = try await client.sink.first { $0.arrayValue?.contains { $0["id"] == "fin" } == true }
        #expect(batch.arrayValue?.first?["error"]?["code"] == -32800)
        let status = try await client.call(UploadStatusRequest(uploadId: id))
        #expect(status.phase == .receiving && status.received == Int64(csv.count))
        #expect(try await client.call(QueryTablesRequest()).tables.isEmpty)
        let result = try await client.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.rowCount == 10)
    }
}
