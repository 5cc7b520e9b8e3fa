import Crypto
import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// ``S3ObjectStore`` against moto_server over real HTTP: keys under `<prefix>/users/<principal>/`, server-side
/// encryption on every write (visible in HeadObject), streamed reads and downloads, multipart puts.
@Suite struct S3ObjectStoreTests {
    @Test func putGetDeleteExistsWithSSES3() async throws {
        let bucket = try await S3TestBucket.make("store")
        let store = bucket.store(prefix: "/tt/")
        let principal = Principal("alice")
        let key = S3ObjectStore.userKey(principal, "sales-1234abcd.csv")
        #expect(try store.bucketKey(for: key) == "tt/users/alice/sales-1234abcd.csv")
        let csv = Array("region,amount\nnorth,12\nsouth,7\n".utf8)
        let file = try S3TestBucket.temporaryFile(csv)
        #expect(await store.exists(key: key) == false)
        try await store.put(key: key, from: file)
        #expect(!FileManager.default.fileExists(atPath: file.path), "the local file is moved into the store")
        #expect(await store.exists(key: key))
        let info = try await store.head(key: key)
        #expect(info.size == Int64(csv.count))
        #expect(info.serverSideEncryption == "AES256")
        // the object is where the layout says, in the bucket
        let raw = try await bucket.client.send(.s3, method: "GET", path: "/\(bucket.name)/tt/users/alice/sales-1234abcd.csv")
        #expect(raw.body == csv)
        let local = try await store.localFile(for: key)
        defer { try? FileManager.default.removeItem(at: local) }
        #expect(try [UInt8](Data(contentsOf: local)) == csv)
        try await store.delete(key: key)
        #expect(await store.exists(key: key) == false)
        await #expect(throws: TableTalkError.self) { _ = try await store.localFile(for: key) }
        do {
            _ = try await store.head(key: key)
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadNotFound)
        }
    }

    @Test func sseKMSIsRequestedWithTheConfiguredKey() async throws {
        let bucket = try await S3TestBucket.make("kms")
        let store = bucket.store(encryption: .kms(keyId: "alias/tabletalk-test"))
        let key = S3ObjectStore.userKey(.local, "k.csv")
        try await store.put(key: key, from: try S3TestBucket.temporaryFile(Array("a\n1\n".utf8)))
        let info = try await store.head(key: key)
        #expect(info.serverSideEncryption == "aws:kms")
        #expect(info.kmsKeyId == "alias/tabletalk-test")
        // a multipart upload started by the store asks for the same encryption
        let multipart = store.multipart
        let bucketKey = try store.bucketKey(for: S3ObjectStore.userKey(.local, "m.csv"))
        let id = try await multipart.create(key: bucketKey)
        let etag = try await multipart.uploadPart(key: bucketKey, uploadId: id, partNumber: 1, bytes: Array("x,y\n".utf8))
        try await multipart.complete(key: bucketKey, uploadId: id, parts: [S3UploadedPart(partNumber: 1, etag: etag, size: 4)])
        let completed = try await store.head(key: S3ObjectStore.userKey(.local, "m.csv"))
        #expect(completed.serverSideEncryption == "aws:kms")
        #expect(completed.kmsKeyId == "alias/tabletalk-test")
    }

    @Test func chunksAreRangedReadsOfBoundedSize() async throws {
        let bucket = try await S3TestBucket.make("chunks")
        var store = bucket.store()
        store.readChunkBytes = 1000
        let bytes = S3TestBucket.bytes(4321)
        let key = S3ObjectStore.userKey(.local, "big.bin")
        try await store.put(key: key, from: try S3TestBucket.temporaryFile(bytes))
        var sizes: [Int] = []
        var joined: [UInt8] = []
        for try await chunk in try store.chunks(for: key) {
            sizes.append(chunk.count)
            joined += chunk
        }
        #expect(sizes == [1000, 1000, 1000, 1000, 321])
        #expect(joined == bytes)
        let emptyKey = S3ObjectStore.userKey(.local, "empty.csv")
        try await store.put(key: emptyKey, from: try S3TestBucket.temporaryFile([]))
        var count = 0
        for try await _ in try store.chunks(for: emptyKey) { count += 1 }
        #expect(count == 0, "an empty object yields no chunk")
        let local = try await store.localFile(for: key)
        defer { try? FileManager.default.removeItem(at: local) }
        #expect(try [UInt8](Data(contentsOf: local)) == bytes)
    }

    @Test func largeFilesGoUpAsEncryptedMultipart() async throws {
        let bucket = try await S3TestBucket.make("mp")
        var store = bucket.store()
        store.singlePutBytes = 1 << 20
        store.putPartBytes = 5 << 20
        let bytes = S3TestBucket.bytes((5 << 20) + 12345)
        let key = S3ObjectStore.userKey(.local, "large.bin")
        try await store.put(key: key, from: try S3TestBucket.temporaryFile(bytes))
        let info = try await store.head(key: key)
        #expect(info.size == Int64(bytes.count))
        #expect(info.serverSideEncryption == "AES256")
        #expect(info.etag?.hasSuffix("-2\"") == true, "a two-part multipart ETag: \(info.etag ?? "none")")
        var hash = SHA256()
        for try await chunk in try store.chunks(for: key) { hash.update(data: chunk) }
        #expect(hash.finalize() == SHA256.hash(data: bytes))
    }

    @Test func keysArePerPrincipalAndSafe() async throws {
        let bucket = try await S3TestBucket.make("keys")
        let store = bucket.store(prefix: "")
        #expect(S3ObjectStore.principalDirectory(Principal("9f1c-aa_B")) == "9f1c-aa_B")
        let odd = S3ObjectStore.principalDirectory(Principal("a/b@c"))
        #expect(odd.hasPrefix("a_b_c-") && odd.count == "a_b_c-".count + 8)
        #expect(odd != S3ObjectStore.principalDirectory(Principal("a_b_c")), "ids that share a safe form get different directories")
        #expect(try store.bucketKey(for: "u/x.csv") == "users/u/x.csv")
        for bad in ["", "/abs", "a//b", "a/../b", "./a", "a/\u{1}"] {
            #expect(throws: TableTalkError.self, "\(bad)") { _ = try store.bucketKey(for: bad) }
        }
    }

    @Test func urlsArePathStyleUnderAnOverrideAndVirtualHostedOtherwise() {
        let aws = S3Location(bucket: "tabletalk-data", region: "eu-west-1", endpointOverride: nil)
        #expect(!aws.isPathStyle)
        #expect(aws.url(key: "users/a/Q1 report.csv") == "https://tabletalk-data.s3.eu-west-1.amazonaws.com/users/a/Q1%20report.csv")
        #expect(aws.url(key: "", query: [(name: "uploads", value: "")]) == "https://tabletalk-data.s3.eu-west-1.amazonaws.com/?uploads=")
        let moto = S3Location(bucket: "tt", region: "us-east-1", endpointOverride: "http://127.0.0.1:5000/")
        #expect(moto.isPathStyle)
        #expect(moto.url(key: "users/a/b.csv", query: [(name: "partNumber", value: "2")]) == "http://127.0.0.1:5000/tt/users/a/b.csv?partNumber=2")
        #expect(moto.url(key: "") == "http://127.0.0.1:5000/tt")
        let dotted = S3Location(bucket: "my.bucket", region: "us-east-1", endpointOverride: nil)
        #expect(dotted.url(key: "k") == "https://s3.us-east-1.amazonaws.com/my.bucket/k", "dots in a bucket name break virtual-hosted TLS")
    }
}
