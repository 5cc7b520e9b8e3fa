import Crypto
import Foundation
import TableTalkAWS
import Testing

/// SigV4 against AWS's published examples (no botocore needed), and the pieces signing is made of.
@Suite struct SigV4SignerTests {
    /// The AWS SigV4 test suite's credentials, region, service and date (2015-08-30T12:36:00Z).
    static let suiteSigner = SigV4Signer(
        credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)

    @Test func getVanilla() throws {
        let signed = try Self.suiteSigner.sign(SigV4Request(method: "GET", url: "https://example.amazonaws.com/"), date: Self.suiteDate)
        #expect(signed.canonicalRequest.text == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.header("host") == "example.amazonaws.com", "the signed host is sent")
        #expect(signed.header("x-amz-date") == "20150830T123600Z")
        #expect(signed.header("x-amz-security-token") == nil && signed.header("x-amz-content-sha256") == nil)
    }

    @Test func getVanillaQueryOrderAndPostVanilla() throws {
        let query = try Self.suiteSigner.sign(
            SigV4Request(method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1"), date: Self.suiteDate)
        #expect(query.canonicalRequest.canonicalQuery == "Param1=value1&Param2=value2")
        #expect(query.signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
        let post = try Self.suiteSigner.sign(SigV4Request(method: "POST", url: "https://example.amazonaws.com/"), date: Self.suiteDate)
        #expect(post.signature == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    /// The signing key example of the SigV4 documentation (iam, 2012-02-15).
    @Test func derivedSigningKey() {
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "iam")
        let key = signer.signingKey(dateStamp: "20120215").withUnsafeBytes { Array($0) }
        #expect(key.map { String(format: "%02x", $0) }.joined() == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func reSigningReplacesTheOldSignatureAndSessionToken() throws {
        let withToken = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "tok"),
            region: "us-east-1", service: "service")
        let first = try withToken.sign(SigV4Request(method: "GET", url: "https://example.amazonaws.com/"), date: Self.suiteDate)
        let again = try withToken.sign(
            SigV4Request(method: "GET", url: "https://example.amazonaws.com/", headers: first.headers), date: Self.suiteDate)
        #expect(again.authorization == first.authorization, "a retry's old Authorization, date and token are not signed")
        #expect(again.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(again.headers.filter { $0.name.lowercased() == "x-amz-security-token" }.map(\.value) == ["tok"])
        #expect(first.canonicalRequest.signedHeaders == "host;x-amz-date;x-amz-security-token")
    }

    @Test func uriEncodingIsRFC3986() {
        #expect(AWSURIEncoding.encode("a b+c/d~e_f.g-h*é") == "a%20b%2Bc%2Fd~e_f.g-h%2A%C3%A9")
        #expect(AWSURIEncoding.encode("/model/x y/converse", keepingSlash: true) == "/model/x%20y/converse")
        #expect(AWSURIEncoding.encode("amazon.nova-lite-v1:0") == "amazon.nova-lite-v1%3A0")
        #expect(AWSURIEncoding.decode("a%20b+c%2f%E6%97%A5%zz") == "a b+c/日%zz", "+ stays +, bad escapes stay literal")
        #expect(SigV4Request.url(endpoint: "https://h.example/", path: "/b/k 1", query: [("prefix", "a b/"), ("x", "")])
            == "https://h.example/b/k%201?prefix=a%20b%2F&x=")
    }

    @Test func timestampsAreUTCWithoutLocale() {
        #expect(AWSTimestamp(Self.suiteDate).amzDate == "20150830T123600Z")
        #expect(AWSTimestamp(Date(timeIntervalSince1970: 951_868_799)).amzDate == "20000229T235959Z", "leap day")
        #expect(AWSTimestamp(Date(timeIntervalSince1970: 0)).dateStamp == "19700101")
        #expect(AWSTimestamp(amzDate: "20150830T123600Z")?.dateStamp == "20150830")
        #expect(AWSTimestamp(amzDate: "2015-08-30T12:36:00Z") == nil)
    }

    @Test func hostHeaderDropsDefaultPortsOnly() throws {
        func host(_ url: String) throws -> String? {
            try Self.suiteSigner.sign(SigV4Request(method: "GET", url: url), date: Self.suiteDate).header("host")
        }
        #expect(try host("https://Example.AmazonAWS.com:443/x") == "example.amazonaws.com")
        #expect(try host("http://127.0.0.1:80/") == "127.0.0.1")
        #expect(try host("http://127.0.0.1:8080/model") == "127.0.0.1:8080")
        #expect(try host("https://[::1]:9443/") == "[::1]:9443")
        #expect(throws: SigV4Error.self) { try Self.suiteSigner.sign(SigV4Request(method: "GET", url: "not a url")) }
    }
}
