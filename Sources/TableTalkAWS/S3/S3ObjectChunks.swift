import TableTalkCore

/// The bytes of one S3 object as an `AsyncSequence` of chunks read by ranged GETs (see
/// ``S3ObjectStore/chunks(for:)``).
public struct S3ObjectChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    let client: AWSClient
    let location: S3Location
    /// The key in the bucket.
    let key: String
    let chunkBytes: Int
    /// The key as the caller named it (for messages).
    let name: String

    public func makeAsyncIterator() -> Iterator {
        Iterator(chunks: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let chunks: S3ObjectChunks
        var size: Int64?
        var etag: String?
        var offset: Int64 = 0

        public mutating func next() async throws -> [UInt8]? {
            let c = chunks
            if size == nil {
                let head = try await S3Errors.mapped(c.name) {
                    try await c.client.send(.s3, request: SigV4Request(method: "HEAD", url: c.location.url(key: c.key)))
                }
                size = head.headers["content-length"].flatMap { Int64($0) } ?? 0
                etag = head.headers["etag"]
            }
            guard let size, offset < size else { return nil }
            let last = Swift.min(size, offset + Int64(Swift.max(1, c.chunkBytes))) - 1
            var headers = [(name: "Range", value: "bytes=\(offset)-\(last)")]
            if let etag { headers.append((name: "If-Match", value: etag)) }
            let reply = try await S3Errors.mapped(c.name) {
                try await c.client.send(.s3, request: SigV4Request(method: "GET", url: c.location.url(key: c.key), headers: headers))
            }
            let expected = Int(last - offset + 1)
            guard reply.body.count == expected else {
                throw TableTalkError(
                    .internalFailure, "S3 sent \(reply.body.count) bytes of \(c.name) at offset \(offset), not \(expected) (status \(reply.status))")
            }
            offset = last + 1
            return reply.body
        }
    }
}
