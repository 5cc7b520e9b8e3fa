/// Where a bucket's objects are on the wire: path-style `<endpoint>/<bucket>/<key>` under an endpoint override
/// (moto, LocalStack, a VPC endpoint) or for bucket names with dots (TLS certificates do not cover them),
/// virtual-hosted-style `https://<bucket>.s3.<region>.amazonaws.com/<key>` otherwise.
public struct S3Location: Sendable, Hashable {
    public var bucket: String
    public var region: String
    public var endpointOverride: String?

    public init(bucket: String, region: String, endpointOverride: String?) {
        self.bucket = bucket
        self.region = region
        self.endpointOverride = endpointOverride
    }

    /// True when URLs put the bucket in the path.
    public var isPathStyle: Bool {
        if let endpointOverride, !endpointOverride.isEmpty { return true }
        return bucket.contains(".")
    }

    /// The wire URL of object `key` (or of the bucket when `key` is empty) with raw `query` pairs (encoded here).
    public func url(key: String, query: [(name: String, value: String)] = []) -> String {
        if isPathStyle {
            let endpoint = AWSService.s3.endpoint(region: region, override: endpointOverride)
            return SigV4Request.url(endpoint: endpoint, path: "/" + bucket + (key.isEmpty ? "" : "/" + key), query: query)
        }
        return SigV4Request.url(endpoint: "https://\(bucket).s3.\(region).amazonaws.com", path: "/" + key, query: query)
    }
}
