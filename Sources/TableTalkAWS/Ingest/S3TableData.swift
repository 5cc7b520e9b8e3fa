import Foundation
public import TableTalkCore

/// The data objects of Glue tables in the bucket: written with the configured server-side encryption, listed
/// and deleted by key prefix (a table's data is every object under its version prefix). Keys here are full
/// bucket keys, unlike ``S3ObjectStore``'s port keys.
public struct S3TableData: Sendable {
    public let client: AWSClient
    public let location: S3Location
    public let encryption: S3Encryption

    public init(client: AWSClient, bucket: String, encryption: S3Encryption = .s3) {
        self.client = client
        self.location = S3Location(bucket: bucket, region: client.settings.region, endpointOverride: client.settings.endpointOverride)
        self.encryption = encryption
    }

    /// `s3://bucket/<key>`.
    public func uri(_ key: String) -> String { "s3://\(location.bucket)/\(key)" }

    /// PutObject with server-side encryption.
    public func put(key: String, bytes: [UInt8]) async throws {
        try await mapped(key) {
            _ = try await client.send(
                .s3, request: SigV4Request(method: "PUT", url: location.url(key: key), headers: encryption.headers, body: bytes))
        }
    }

    /// The object's server-side encryption as S3 reports it (`AES256`, `aws:kms`), nil when none.
    public func encryption(of key: String) async throws -> String? {
        try await mapped(key) {
            try await client.send(.s3, request: SigV4Request(method: "HEAD", url: location.url(key: key))).headers[
                "x-amz-server-side-encryption"]
        }
    }

    public func get(key: String) async throws -> [UInt8] {
        try await mapped(key) { try await client.send(.s3, request: SigV4Request(method: "GET", url: location.url(key: key))).body }
    }

    /// Every key under `prefix` (ListObjectsV2, following continuation tokens).
    public func keys(prefix: String) async throws -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            var query = [(name: "list-type", value: "2"), (name: "prefix", value: prefix)]
            if let token { query.append((name: "continuation-token", value: token)) }
            let url = location.url(key: "", query: query)
            let xml = try await mapped(prefix) { try await client.send(.s3, request: SigV4Request(method: "GET", url: url)).text }
            keys += AWSXML.values("Key", in: xml)
            token = AWSXML.value("IsTruncated", in: xml) == "true" ? AWSXML.value("NextContinuationToken", in: xml) : nil
        } while token != nil
        return keys
    }

    /// Deletes every object under `prefix` (which must end in `/`, so a table's prefix never matches another's).
    public func deleteAll(prefix: String) async throws {
        guard prefix.hasSuffix("/"), prefix.count > 1 else {
            throw TableTalkError(.internalFailure, "refusing to delete the objects under '\(prefix)': not a folder prefix")
        }
        for key in try await keys(prefix: prefix) {
            try await mapped(key) { _ = try await client.send(.s3, request: SigV4Request(method: "DELETE", url: location.url(key: key))) }
        }
    }

    private func mapped<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AWSError {
            throw TableTalkError(.internalFailure, "S3 refused \(what): \(error)", details: ["awsCode": error.code])
        }
    }
}
