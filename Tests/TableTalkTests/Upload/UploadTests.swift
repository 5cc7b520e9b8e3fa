import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `upload.*` through a real broker session over the real SQLite adapters.
@Suite struct UploadTests {
    static let small = Data("Region,Sales\nEurope,12\nAsia,7\n".utf8)
    static let smallSHA = "8dea2a34cc313b0240a525d7e1ef2014f1ae46a1cb6840f8a5ca4561d7028101"

    @Test func chunkedUploadBecomesATableWithProgress() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        let csv = UploadHarness.salesCSV(rows: 40)
        let begun = try await client.call(UploadBeginRequest(name: "Sales Q1.csv", size: Int64(csv.count)))
        #expect(begun.chunkSize > 0)
        #expect(begun.partUrl == "/uploads/\(begun.uploadId)")
        let received = try await client.sendChunks(begun.uploadId, csv, chunk: 100)
        #expect(received == Int64(csv.count))
        let result = try await client.call(UploadFinishRequest(uploadId: begun.uploadId))

        #expect(result.table.name == "sales_q1")
        #expect(result.table.rowCount == 40)
        #expect(result.table.columns.map(\.name) == ["region", "sales", "order_date"])
        #expect(result.table.columns.map(\.type) == [.text, .integer, .date])
        #expect(result.table.columns[2].label == "Order Date")
        #expect(result.replaced == false)
        #expect(result.detected.delimiter == ",")
        #expect(result.detected.encoding?.hasPrefix("utf-8") == true)

        let phases = await client.sink.notifications("upload.progress").compactMap { $0["params"]?["phase"]?.stringValue }
        #expect(phases.first == "receiving")
        #expect(phases.contains("parsing"))
        #expect(phases.last == "ready")
        let lastReceiving = await client.sink.notifications("upload.progress").last { $0["params"]?["phase"] == "receiving" }
        #expect(lastReceiving?["params"]?["bytes"]?.intValue == Int64(csv.count))
        #expect(lastReceiving?["params"]?["percent"]?.doubleValue == 100)

        let status = try await client.call(UploadStatusRequest(uploadId: begun.uploadId))
        #expect(status.phase == .ready && status.table == "sales_q1" && status.received == Int64(csv.count))
        let sum = try await client.call(QueryRunRequest(sql: "SELECT count(*), sum(sales) FROM sales_q1"))
        var expectedSum: Int64 = 0
        for i in 0..<40 { expectedSum += Int64((1 + i) * 1000 + (i * 37) % 1000) }
        let expectedRow: [JSONValue] = [.int(40), .int(expectedSum)]
        #expect(sum.rows == [expectedRow])
    }

    @Test func reuploadReplacesTheTableAndReportsChangedColumns() async throws {
        let client = try await UploadHarness().client()
        _ = try await client.upload(Self.small, name: "sales.csv")
        let again = try await client.upload(Data("Region,Sales,City\nEurope,12.5,Paris\n".utf8), name: "other.csv", table: "sales")
        #expect(again.replaced)
        #expect(again.table.name == "sales" && again.table.rowCount == 1)
        #expect(again.changedColumns.contains("+city"))
        let tables = try await client.call(QueryTablesRequest())
        #expect(tables.tables.map(\.name) == ["sales"])
    }

    @Test func interruptedUploadResumesFromStatusOnANewConnection() async throws {
        let h = try UploadHarness()
        let csv = UploadHarness.salesCSV(rows: 30)
        let first = try await h.client()
        let id = try await first.call(UploadBeginRequest(name: "resume.csv", size: Int64(csv.count))).uploadId
        try await first.sendChunks(id, csv, chunk: 50, upTo: 250)
        first.session.close()  // the connection drops mid-upload

        let second = try await h.client()
        let status = try await second.call(UploadStatusRequest(uploadId: id))
        #expect(status.phase == .receiving && status.received == 250 && status.size == Int64(csv.count))
        try await second.sendChunks(id, csv, chunk: 50, from: Int(status.received))
        let result = try await second.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.rowCount == 30)
    }

    @Test func interruptedUploadResumesAfterARestart() async throws {
        let h = try UploadHarness()
        let csv = UploadHarness.salesCSV(rows: 30)
        let id = try await {
            let client = try await h.client()
            let id = try await client.call(UploadBeginRequest(name: "restart.csv", size: Int64(csv.count), table: "restarted")).uploadId
            try await client.sendChunks(id, csv, chunk: 64, upTo: 300)
            client.session.close()
            return id
        }()

        let restarted = try h.restarted()  // a new process over the same data directory
        let client = try await restarted.client()
        let status = try await client.call(UploadStatusRequest(uploadId: id))
        #expect(status.received == 300 && status.phase == .receiving && status.name == "restart.csv")
        let wrong = try await client.error(UploadChunkRequest(uploadId: id, offset: 0, data: Data(csv.prefix(10)).base64EncodedString()))
        #expect(wrong.code == .uploadOffsetMismatch && wrong.data?["expected"] == 300)
        try await client.sendChunks(id, csv, chunk: 64, from: 300)
        let result = try await client.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.name == "restarted" && result.table.rowCount == 30)
    }

    @Test func partsThroughTheHTTPReceiverReachThePrincipalsConnections() async throws {
        let h = try UploadHarness()
        let client = try await h.client(Principal("alice"))
        let receiver = try #require(h.runtime.broker.registry.uploadPartReceiver)
        let id = try await client.call(UploadBeginRequest(name: "put.csv", size: Int64(Self.small.count))).uploadId
        let half = Self.small.count / 2
        #expect(try await receiver.receivePart(uploadId: id, offset: 0, data: Self.small.prefix(half), principal: Principal("alice")) == Int64(half))
        await #expect(throws: TableTalkError.self) {
            _ = try await receiver.receivePart(uploadId: id, offset: Int64(half), data: Self.small.suffix(from: half), principal: Principal("bob"))
        }
        let total = try await receiver.receivePart(uploadId: id, offset: Int64(half), data: Self.small.suffix(from: half), principal: Principal("alice"))
        #expect(total == Int64(Self.small.count))
        _ = try await client.sink.first { $0["method"] == "upload.progress" && $0["params"]?["bytes"]?.intValue == total }
        let result = try await client.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.name == "put" && result.table.rowCount == 2)
    }

    @Test func abortForgetsTheUpload() async throws {
        let client = try await UploadHarness().client()
        let id = try await client.call(UploadBeginRequest(name: "a.csv", size: 10)).uploadId
        #expect(try await client.call(UploadAbortRequest(uploadId: id)).aborted)
        #expect(try await client.error(UploadStatusRequest(uploadId: id)).code == .uploadNotFound)
        #expect(try await client.error(UploadStatusRequest(uploadId: "../../etc/passwd")).code == .uploadNotFound)
    }

    @Test func correctChecksumIsAccepted() async throws {
        let client = try await UploadHarness().client()
        let result = try await client.upload(Self.small, name: "checked.csv", sha256: Self.smallSHA.uppercased(), chunk: 7)
        #expect(result.table.rowCount == 2)
    }
}
