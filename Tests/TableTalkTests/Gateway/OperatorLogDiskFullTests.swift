import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing
@testable import TableTalkUpload
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkWebSocket

/// A part that cannot be written because the disk is full gets `storageFull` (1005; the `PUT` route answers 507),
/// not `-32603`.
@Suite struct OperatorLogDiskFullTests {
    @Test func writeOnAFullDiskIsStorageFull() throws {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        let bytes = [UInt8](repeating: 7, count: 4096)
        #expect {
            try bytes.withUnsafeBytes { try UploadStore.write($0, to: fd, at: 0, "u1") }
        } throws: { ($0 as? TableTalkError)?.kind == .storageFull }
        #expect(TableTalkError.Kind.storageFull.rawValue == ErrorCode.storageFull.rawValue)
        #expect(UploadStore.writeFailed("u1", errno: EDQUOT).kind == .storageFull)
        #expect(UploadStore.writeFailed("u1", errno: EIO).kind == .internalFailure)
        #expect(UploadErrors.rpc(UploadStore.writeFailed("u1", errno: ENOSPC)).code.rawValue == 1005)
    }

    /// A receiver whose disk is full: every part fails as ``UploadStore`` fails on ENOSPC.
    struct FullDisk: Capability, UploadPartReceiver {
        var namespace: String { "disk" }
        var maxPartSize: Int { 1 << 20 }
        func register(in registry: inout MethodRegistry) { registry.setUploadPartReceiver(self) }
        func receivePart(uploadId: String, offset: Int64, data: Data, principal: Principal) async throws -> Int64 {
            throw UploadStore.writeFailed(uploadId, errno: ENOSPC)
        }
    }

    @Test func putPartOnAFullDiskAnswers507WithStorageFull() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let broker = Broker(capabilities: [FullDisk()], logger: logger)
        let server = GatewayServer(broker: broker, configuration: .init(host: "127.0.0.1", port: 0, requireToken: false), logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/uploads/u1?offset=0")!)
        request.httpMethod = "PUT"
        request.httpBody = Data("a,b\n1,2\n".utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 507)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        #expect(json?["code"] as? String == "1005")
    }
}
