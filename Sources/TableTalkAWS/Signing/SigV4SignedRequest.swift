/// What signing produced: the headers to send and, for logs and tests, each intermediate of the signature.
public struct SigV4SignedRequest: Sendable {
    /// Every header to send, in order, ending with `Authorization`.
    public var headers: [(name: String, value: String)]
    public var canonicalRequest: SigV4CanonicalRequest
    public var stringToSign: String
    /// Lower-case hex signature.
    public var signature: String
    /// The `Authorization` header value.
    public var authorization: String
    public var timestamp: AWSTimestamp

    /// The value of header `name` (case-insensitive), if sent.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
