public import Foundation
public import Crypto

/// AWS Signature Version 4 for any service: adds `X-Amz-Date`, `X-Amz-Security-Token` (session credentials),
/// `X-Amz-Content-SHA256` (when the service needs it) and `Authorization` to a request.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    /// The signing name of the service ("bedrock" for bedrock-runtime, "s3", "glue", "athena", "dynamodb").
    public var service: String
    public var options: SigV4Options

    public init(credentials: AWSCredentials, region: String, service: String, options: SigV4Options = .standard) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Signs `request` as of `date`; the result's `headers` are the ones to send (the request's own, plus the host
    /// that was signed when the request had none, plus the SigV4 headers).
    public func sign(_ request: SigV4Request, date: Date = Date()) throws(SigV4Error) -> SigV4SignedRequest {
        let timestamp = AWSTimestamp(date)
        let url = try SigV4URL(request.url)
        var replaced: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token"]
        if options.signsContentSHA256Header { replaced.insert("x-amz-content-sha256") }
        var headers = request.headers.filter { !replaced.contains($0.name.lowercased()) }
        if !headers.contains(where: { $0.name.lowercased() == "host" }) { headers.append((name: "Host", value: url.hostHeader)) }
        headers.append((name: "X-Amz-Date", value: timestamp.amzDate))
        if let token = credentials.sessionToken { headers.append((name: "X-Amz-Security-Token", value: token)) }
        var payloadHash = Self.hexSHA256(request.body)
        if options.signsContentSHA256Header {
            headers.append((name: "X-Amz-Content-SHA256", value: payloadHash))
        } else if let given = headers.first(where: { $0.name.lowercased() == "x-amz-content-sha256" }) {
            payloadHash = given.value
        }

        let canonical = SigV4CanonicalRequest(method: request.method, url: url, headers: headers, payloadHash: payloadHash, options: options)
        let scope = "\(timestamp.dateStamp)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp.amzDate, scope, Self.hexSHA256(Array(canonical.text.utf8))]
            .joined(separator: "\n")
        let key = signingKey(dateStamp: timestamp.dateStamp)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        headers.append((name: "Authorization", value: authorization))
        return SigV4SignedRequest(
            headers: headers, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            authorization: authorization, timestamp: timestamp)
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    public func signingKey(dateStamp: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Lower-case hex SHA-256 of `bytes` (the payload hash; the empty body's is `e3b0c442…b855`).
    public static func hexSHA256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
