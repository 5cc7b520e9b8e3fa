import Crypto
import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// Direct uploads on moto_server over real HTTP: the server begins a multipart upload, a client with no
/// credentials `PUT`s the parts to presigned URLs, and finishing checks the parts, completes, and verifies size
/// and SHA-256 by reading the object back.
///
/// moto does not enforce the expiry of presigned URLs (moto 5.2.1 never reads `X-Amz-Expires`; it does not check
/// query signatures unless its IAM mode is on), so expiry is tested by what the URLs carry and by fresh URLs from
/// ``S3DirectUploads/partURLs(for:partNumbers:)``; only real S3 shows the 403 "Request has expired".
@Suite struct S3MultipartUploadTests {
    static func target(_ bucket: S3TestBucket, lifetime: Duration = .seconds(900)) -> S3DirectUploads {
        S3DirectUploads(store: bucket.store(), partURLLifetime: lifetime)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// PUTs each planned part of `bytes` to its URL, in `order` (part numbers), without credentials.
    static func putParts(_ urls: DirectUploadPartURLs, _ bytes: [UInt8], order: [Int]? = nil) async throws {
        let byNumber = Dictionary(uniqueKeysWithValues: urls.parts.map { ($0.part.partNumber, $0) })
        for number in order ?? urls.parts.map(\.part.partNumber) {
            let p = try #require(byNumber[number])
            let slice = Array(bytes[Int(p.part.offset)..<Int(p.part.offset + p.part.length)])
            let reply = try await S3TestBucket.plainPut(p.url, slice)
            #expect(reply.status == 200, "part \(number)")
            #expect(reply.etag != nil, "S3 returns the part's ETag")
        }
    }

    @Test func clientWithoutCredentialsUploadsPartsOutOfOrderAndFinishVerifies() async throws {
        let bucket = try await S3TestBucket.make("direct")
        let target = Self.target(bucket)
        let bytes = S3TestBucket.bytes((5 << 20) * 2 + 777)
        let handle = try await target.begin(name: "sales 2024.csv", size: Int64(bytes.count), partSize: 1 << 20, principal: Principal("alice"))
        #expect(handle.partSize == 5 << 20, "raised to S3's smallest part")
        #expect(handle.key.hasPrefix("alice/uploads/") && handle.key.hasSuffix("/sales_2024.csv"))
        #expect(handle.parts.map(\.length) == [5 << 20, 5 << 20, 777])
        let urls = try await target.partURLs(for: handle, partNumbers: nil)
        #expect(urls.parts.count == 3)
        for url in urls.parts {
            #expect(url.url.contains("partNumber=\(url.part.partNumber)&uploadId="))
            #expect(url.url.contains("X-Amz-Expires=900&"))
        }
        try await Self.putParts(urls, bytes, order: [3, 1, 2])
        #expect(try await target.receivedBytes(of: handle) == Int64(bytes.count))
        let key = try await target.completeAndVerify(handle, sha256: Self.hex(bytes))
        #expect(key == handle.key)
        let info = try await target.store.head(key: key)
        #expect(info.size == Int64(bytes.count))
        #expect(info.serverSideEncryption == "AES256", "the parts inherit the upload's encryption")
        let local = try await target.localFile(forKey: key)
        defer { try? FileManager.default.removeItem(at: local) }
        #expect(try [UInt8](Data(contentsOf: local)) == bytes)
        // finishing again (an earlier finish interrupted after completion) verifies the object again
        #expect(try await target.completeAndVerify(handle, sha256: Self.hex(bytes)) == key)
    }

    @Test func wrongSHA256IsRefusedAndNothingIsLeft() async throws {
        let bucket = try await S3TestBucket.make("sha")
        let target = Self.target(bucket)
        let bytes = S3TestBucket.bytes(3000)
        let handle = try await target.begin(name: "a.csv", size: 3000, partSize: 0, principal: .local)
        try await Self.putParts(try await target.partURLs(for: handle, partNumbers: nil), bytes)
        let wrong = String(repeating: "0", count: 64)
        do {
            _ = try await target.completeAndVerify(handle, sha256: wrong)
            Issue.record("a wrong sha256 was accepted")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadChecksumMismatch)
            #expect(error.details["expected"] == wrong)
            #expect(error.details["actual"] == Self.hex(bytes))
        }
        #expect(await target.store.exists(key: handle.key) == false, "the refused object is deleted")
        let prefix = try target.store.bucketKey(for: S3ObjectStore.userKey(.local, "uploads"))
        #expect(try await target.store.multipart.listUploads(prefix: prefix).isEmpty)
    }

    @Test func missingAndShortPartsAreReportedAndCanBeSentAgain() async throws {
        let bucket = try await S3TestBucket.make("missing")
        let target = Self.target(bucket)
        let bytes = S3TestBucket.bytes((5 << 20) + 10)
        let handle = try await target.begin(name: "b.csv", size: Int64(bytes.count), partSize: 0, principal: .local)
        let urls = try await target.partURLs(for: handle, partNumbers: nil)
        try await Self.putParts(urls, bytes, order: [1])
        do {
            _ = try await target.completeAndVerify(handle, sha256: nil)
            Issue.record("finished without part 2")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadIncomplete)
            #expect(error.details["missingParts"] == "2")
            #expect(error.details["received"] == String(5 << 20))
        }
        // a part of the wrong length is named too
        _ = try await S3TestBucket.plainPut(urls.parts[1].url, [1, 2, 3])
        do {
            _ = try await target.completeAndVerify(handle, sha256: nil)
            Issue.record("finished with a short part 2")
        } catch let error as TableTalkError {
            #expect(error.kind == .uploadIncomplete)
            #expect(error.details["wrongSizeParts"] == "2")
        }
        // fresh URL for part 2 only, then the upload completes
        let fresh = try await target.partURLs(for: handle, partNumbers: [2])
        #expect(fresh.parts.map(\.part.partNumber) == [2])
        try await Self.putParts(fresh, bytes)
        #expect(try await target.completeAndVerify(handle, sha256: Self.hex(bytes)) == handle.key)
        await #expect(throws: TableTalkError.self) { _ = try await target.partURLs(for: handle, partNumbers: [3]) }
    }

    @Test func abortRemovesTheUploadAndStaleOnesAreCollected() async throws {
        let bucket = try await S3TestBucket.make("abort")
        let target = Self.target(bucket)
        let principal = Principal("carol")
        let prefix = try target.store.bucketKey(for: S3ObjectStore.userKey(principal, "uploads")) + "/"
        let multipart = target.store.multipart
        let handle = try await target.begin(name: "c.csv", size: 100, partSize: 0, principal: principal)
        try await Self.putParts(try await target.partURLs(for: handle, partNumbers: nil), S3TestBucket.bytes(100))
        #expect(try await multipart.listUploads(prefix: prefix).map(\.uploadId) == [handle.targetId])
        try await target.abort(handle)
        #expect(try await multipart.listUploads(prefix: prefix).isEmpty)
        try await target.abort(handle)  // aborting twice is fine
        // stale: started before the cutoff → aborted; another principal's upload is not touched. (The start time
        // is read from the key: moto's ListMultipartUploads reports a fixed `Initiated` of 2010-11-10.)
        let old = try await target.begin(name: "d.csv", size: 10, partSize: 0, principal: principal)
        let other = try await target.begin(name: "e.csv", size: 10, partSize: 0, principal: Principal("dave"))
        #expect(try await target.abortStale(of: principal, startedBefore: Date().addingTimeInterval(-3600)) == 0)
        #expect(try await multipart.listUploads(prefix: prefix).map(\.uploadId) == [old.targetId])
        #expect(try await target.abortStale(of: principal, startedBefore: Date().addingTimeInterval(60)) == 1)
        #expect(try await multipart.listUploads(prefix: prefix).isEmpty)
        let otherPrefix = try target.store.bucketKey(for: S3ObjectStore.userKey(Principal("dave"), "uploads")) + "/"
        #expect(try await multipart.listUploads(prefix: otherPrefix).map(\.uploadId) == [other.targetId])
    }

    @Test func partURLsCarryTheirExpiryAndFreshOnesAreNewlySigned() async throws {
        let bucket = try await S3TestBucket.make("expiry")
        let target = Self.target(bucket, lifetime: .seconds(120))
        let handle = try await target.begin(name: "f.csv", size: 10, partSize: 0, principal: .local)
        let before = Date()
        let first = try await target.partURLs(for: handle, partNumbers: nil)
        #expect(first.expiresAt.timeIntervalSince(before) > 100 && first.expiresAt.timeIntervalSince(before) <= 121)
        let url = try #require(first.parts.first?.url)
        #expect(url.contains("X-Amz-Expires=120&"))
        let multipart = target.store.multipart
        let bucketKey = try target.store.bucketKey(for: handle.key)
        let early = try multipart.presignedPartURL(
            key: bucketKey, uploadId: handle.targetId, partNumber: 1, expires: .seconds(120), date: Date(timeIntervalSince1970: 1_796_434_259))
        let later = try multipart.presignedPartURL(
            key: bucketKey, uploadId: handle.targetId, partNumber: 1, expires: .seconds(120), date: Date(timeIntervalSince1970: 1_796_434_259 + 200))
        #expect(early.contains("X-Amz-Date=20261205T013059Z&"))
        #expect(later.contains("X-Amz-Date=20261205T013419Z&"))
        #expect(early != later, "a fresh URL is signed for its own time")
        try await target.abort(handle)
    }
}
