/// An HTTP request as SigV4 sees it: method, the URL exactly as it goes on the wire (path and query already
/// percent-encoded), headers in order and the body bytes. Service-agnostic: Bedrock, S3, Glue, Athena, DynamoDB.
public struct SigV4Request: Sendable {
    public var method: String
    /// `scheme://host[:port]/path?query`, percent-encoded as sent.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Builds the wire URL from raw parts: each path segment and each query name and value RFC 3986-encoded.
    /// `path` keeps its `/` separators (`/model/amazon.nova-lite-v1:0/converse` → `…v1%3A0/converse`).
    public static func url(endpoint: String, path: String, query: [(name: String, value: String)] = []) -> String {
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        let encodedPath = AWSURIEncoding.encode(path.hasPrefix("/") ? path : "/" + path, keepingSlash: true)
        let encodedQuery = query.map { AWSURIEncoding.encode($0.name) + "=" + AWSURIEncoding.encode($0.value) }
        return base + encodedPath + (encodedQuery.isEmpty ? "" : "?" + encodedQuery.joined(separator: "&"))
    }
}
