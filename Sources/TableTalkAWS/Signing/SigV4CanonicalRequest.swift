/// The canonical request of SigV4 (method, canonical URI, canonical query, canonical headers, signed headers,
/// payload hash), built from the request as it will be sent.
public struct SigV4CanonicalRequest: Sendable, Hashable {
    public var method: String
    public var canonicalURI: String
    public var canonicalQuery: String
    /// `name:value` lines, sorted by lower-cased name, values trimmed and inner whitespace runs collapsed.
    public var canonicalHeaders: String
    /// Lower-cased header names joined by `;`.
    public var signedHeaders: String
    public var payloadHash: String

    /// The text that is hashed into the string to sign.
    public var text: String {
        [method, canonicalURI, canonicalQuery, canonicalHeaders + "\n", signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// Headers that are never signed: hop-by-hop ones a proxy may change, and `user-agent`/`x-amzn-trace-id`.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    init(method: String, url: SigV4URL, headers: [(name: String, value: String)], payloadHash: String, options: SigV4Options) {
        self.method = method.uppercased()
        canonicalURI = options.normalizesPath
            ? AWSURIEncoding.encode(Self.removingDotSegments(url.path), keepingSlash: true) : url.path
        canonicalQuery = Self.canonicalQuery(url.query)
        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            guard !Self.unsignedHeaders.contains(key) else { continue }
            grouped[key, default: []].append(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        if grouped["host"] == nil { grouped["host"] = [url.hostHeader] }
        let names = grouped.keys.sorted()
        canonicalHeaders = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))" }.joined(separator: "\n")
        signedHeaders = names.joined(separator: ";")
        self.payloadHash = payloadHash
    }

    /// Each `name=value` pair decoded then RFC 3986-encoded again, sorted by name then value (as encoded).
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? parts[1] : ""
            return (AWSURIEncoding.encode(AWSURIEncoding.decode(parts[0])), AWSURIEncoding.encode(AWSURIEncoding.decode(value)))
        }
        return pairs.sorted { $0.0 != $1.0 ? $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 §5.2.4 dot-segment removal, also dropping empty segments (`//`), as AWS services expect.
    static func removingDotSegments(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." { _ = output.popLast() } else { output.append(segment) }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return leading + output.joined(separator: "/") + trailing
    }
}
