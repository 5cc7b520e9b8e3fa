import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport
import TableTalkWebSocket

/// `PUT /uploads/{id}?offset=N` over real HTTP against an in-process gateway: parts are streamed into the
/// upload, and refusals come back with their HTTP status.
@Suite struct UploadPutRouteTests {
    /// Runs a gateway over `h`'s broker (no token needed: principal `local`) for the duration of `body`.
    static func withGateway(_ h: UploadHarness, _ body: (URL) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = GatewayServer(
            broker: h.runtime.broker, configuration: .init(host: "127.0.0.1", port: 0, requireToken: false), logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(URL(string: "http://127.0.0.1:\(port)")!)
    }

    static func put(_ base: URL, _ path: String, _ body: Data) async throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: URL(string: base.absoluteString + path)!)
        request.httpMethod = "PUT"
        request.httpBody = body
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }

    @Test func partsArePutInOrderAndRefusalsHaveTheirStatus() async throws {
        let h = try UploadHarness()
        let client = try await h.client()
        let csv = UploadHarness.salesCSV(rows: 5000)  // ~200 kB, sent in 64 kB parts
        let begun = try await client.call(UploadBeginRequest(name: "put.csv", size: Int64(csv.count)))
        let path = try #require(begun.partUrl)
        try await Self.withGateway(h) { base in
            let unknown = try await Self.put(base, "/uploads/\(String(repeating: "0", count: 32))?offset=0", Data("x".utf8))
            #expect(unknown.status == 404)
            let ahead = try await Self.put(base, path + "?offset=10", Data(csv.prefix(10)))
            #expect(ahead.status == 409)
            let tooLong = try await Self.put(base, path + "?offset=0", csv + Data("x".utf8))
            #expect(tooLong.status == 413)
            var offset = 0
            while offset < csv.count {
                let end = min(offset + 65_536, csv.count)
                let reply = try await Self.put(base, path + "?offset=\(offset)", Data(csv[offset..<end]))
                #expect(reply.status == 200)
                #expect((reply.json["received"] as? NSNumber)?.intValue == end)
                offset = end
            }
            let replay = try await Self.put(base, path + "?offset=0", Data(csv.prefix(10)))
            #expect(replay.status == 409)
        }
        #expect(try await client.call(UploadStatusRequest(uploadId: begun.uploadId)).received == Int64(csv.count))
        let result = try await client.call(UploadFinishRequest(uploadId: begun.uploadId))
        #expect(result.table.name == "put" && result.table.rowCount == 5000)
    }
}
