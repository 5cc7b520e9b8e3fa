import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport

/// A fresh bucket on the shared moto_server (unique name) and helpers the S3 tests share.
struct S3TestBucket {
    let client: AWSClient
    let name: String

    static func make(_ label: String = "s3") async throws -> S3TestBucket {
        let client = try await AWSClientTests.client()
        let name = "tt-\(label)-\(UUID().uuidString.lowercased().prefix(12))"
        _ = try await client.send(.s3, method: "PUT", path: "/\(name)")
        return S3TestBucket(client: client, name: name)
    }

    func store(prefix: String = "tt", encryption: S3Encryption = .s3) -> S3ObjectStore {
        S3ObjectStore(client: client, bucket: name, prefix: prefix, encryption: encryption)
    }

    /// `count` deterministic bytes that differ from one offset to the next.
    static func bytes(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &+ ($0 >> 11)) }
    }

    static func temporaryFile(_ bytes: [UInt8], name: String = "data.bin") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tt-s3-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// A plain `PUT` of `bytes` to a presigned URL, as a browser would send it: no credentials, no signing.
    /// Returns the status and the `ETag` S3 exposes.
    static func plainPut(_ url: String, _ bytes: [UInt8]) async throws -> (status: UInt, etag: String?) {
        var put = HTTPClientRequest(url: url)
        put.method = .PUT
        put.body = .bytes(ByteBuffer(bytes: bytes))
        let reply = try await AWSClient.sharedHTTP.execute(put, timeout: .seconds(20))
        _ = try await reply.body.collect(upTo: 1 << 20)
        return (reply.status.code, reply.headers.first(name: "etag"))
    }
}
