public import Foundation
import Crypto

/// SigV4 query-string signing ("presigned URLs"): the signature travels in the URL, so a client without our
/// credentials can make exactly this request (S3 multipart part uploads) until it expires. The payload is not
/// signed (`UNSIGNED-PAYLOAD`); only the `host` header is, so any client can send it.
public struct SigV4Presigner: Sendable {
    public var signer: SigV4Signer

    public init(signer: SigV4Signer) {
        self.signer = signer
    }

    /// The URL to send `method` to, valid for `expires` (1 s to 7 days, as AWS allows) from `date`.
    /// - Parameter url: the wire URL (path and query percent-encoded, see ``SigV4Request/url(endpoint:path:query:)``).
    public func presign(method: String, url: String, expires: Duration, date: Date = Date()) throws(SigV4Error) -> String {
        let seconds = max(1, min(Int(expires.components.seconds), 7 * 24 * 3600))
        let timestamp = AWSTimestamp(date)
        let scope = "\(timestamp.dateStamp)/\(signer.region)/\(signer.service)/aws4_request"
        var added: [(String, String)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(signer.credentials.accessKeyId)/\(scope)"),
            ("X-Amz-Date", timestamp.amzDate),
            ("X-Amz-Expires", String(seconds)),
        ]
        // botocore's order (the signature does not depend on it; the URL then matches botocore's byte for byte)
        added.append(("X-Amz-SignedHeaders", "host"))
        if let token = signer.credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        let extra = added.map { AWSURIEncoding.encode($0.0) + "=" + AWSURIEncoding.encode($0.1) }.joined(separator: "&")
        let unsigned = url + (url.contains("?") ? "&" : "?") + extra
        let parsed = try SigV4URL(unsigned)
        let canonical = SigV4CanonicalRequest(
            method: method, url: parsed, headers: [(name: "Host", value: parsed.hostHeader)],
            payloadHash: "UNSIGNED-PAYLOAD", options: signer.options)
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp.amzDate, scope, SigV4Signer.hexSHA256(Array(canonical.text.utf8))]
            .joined(separator: "\n")
        let key = signer.signingKey(dateStamp: timestamp.dateStamp)
        let signature = SigV4Signer.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        return unsigned + "&X-Amz-Signature=" + signature
    }
}
