import Foundation
import Logging
import TableTalkAWS
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkSQLite
import TableTalkTestSupport
import TableTalkUpload
import Testing

/// The `upload` namespace over JSON-RPC (a broker with the upload capability and S3 as its direct target, on
/// moto_server): the wire form of `partUrls`, `upload.partUrls`, and the refusals a client sees.
@Suite struct S3DirectUploadWireTests {
    @Test func directUploadOverJSONRPC() async throws {
        let bucket = try await S3TestBucket.make("wire")
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("tt-s3-wire-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let manager = UploadManager(
            configuration: UploadConfiguration(directory: dataDir.appendingPathComponent("uploads")),
            ingestor: SQLiteIngestor(dataDirectory: dataDir), hasher: nil,
            directTarget: S3DirectUploads(store: bucket.store(), partURLLifetime: .seconds(300)))
        let broker = Broker(capabilities: [UploadCapability(manager: manager, hub: nil)], logger: Logger(label: "s3-wire") { _ in SwiftLogNoOpLogHandler() })
        let client = try await TestClient.initialized(broker: broker)
        let csv = Array("city,visits\nLyon,3\nOslo,5\n".utf8)

        let reply = try await client.callRaw(method: "upload.begin", params: .object(["name": .string("visits.csv"), "size": .int(Int64(csv.count))]))
        let begun = try #require(reply["result"])
        #expect(begun["partUrl"] == nil, "no local PUT path on the wire")
        let id = try #require(begun["uploadId"]?.stringValue)
        let parts = try #require(begun["partUrls"]?.arrayValue)
        #expect(parts.count == 1)
        #expect(parts[0]["partNumber"]?.intValue == 1 && parts[0]["offset"]?.intValue == 0 && parts[0]["length"]?.intValue == Int64(csv.count))
        #expect(begun["partUrlsExpireAt"]?.stringValue?.hasSuffix("Z") == true)

        // a part that comes as upload.chunk instead is taken too (same protocol on every deployment)
        let relayed = try await client.call(UploadBeginRequest(name: "relayed.csv", size: Int64(csv.count)))
        let chunk = try await client.call(UploadChunkRequest(uploadId: relayed.uploadId, offset: 0, data: Data(csv).base64EncodedString()))
        #expect(chunk.received == Int64(csv.count))
        #expect(try await client.call(UploadFinishRequest(uploadId: relayed.uploadId)).table.rowCount == 2)

        let fresh = try await client.call(UploadPartUrlsRequest(uploadId: id, partNumbers: [1]))
        #expect(fresh.partUrls.map(\.partNumber) == [1])
        let put = try await S3TestBucket.plainPut(fresh.partUrls[0].url, csv)
        #expect(put.status == 200)
        #expect(try await client.call(UploadStatusRequest(uploadId: id)).received == Int64(csv.count))
        let result = try await client.call(UploadFinishRequest(uploadId: id))
        #expect(result.table.name == "visits" && result.table.rowCount == 2)
        // a finished upload has no part URLs
        let after = await Self.error(client, UploadPartUrlsRequest(uploadId: id))
        #expect(after?.code.rawValue == -32602)

        // missing parts: 1004 with the part numbers as data
        let second = try await client.call(UploadBeginRequest(name: "later.csv", size: 10))
        let incomplete = await Self.error(client, UploadFinishRequest(uploadId: second.uploadId))
        #expect(incomplete?.code.rawValue == 1004)
        #expect(incomplete?.data?["missingParts"]?.stringValue == "1")
        #expect(incomplete?.data?["size"]?.intValue == 10)
        let aborted = try await client.call(UploadAbortRequest(uploadId: second.uploadId))
        #expect(aborted.aborted)
        let missing = await Self.error(client, UploadPartUrlsRequest(uploadId: second.uploadId))
        #expect(missing?.code.rawValue == 1000)
    }

    static func error<R: RPCRequest>(_ client: TestClient, _ request: R) async -> RPCError? {
        do {
            _ = try await client.call(request)
            Issue.record("\(R.method) succeeded")
            return nil
        } catch TestClientError.rpc(let e) {
            return e
        } catch {
            Issue.record("\(R.method): \(error)")
            return nil
        }
    }
}
