import Foundation
import TableTalkAWS
import Testing
import TableTalkTestSupport

/// Our SigV4 against botocore's `SigV4Auth`/`S3SigV4Auth`: Tests/Fixtures/sigv4/sigv4_botocore_cases.py signs a set
/// of requests (GET/POST/PUT, query strings with spaces, unicode and reserved characters, empty and JSON bodies,
/// with and without a session token, bedrock, glue, athena, dynamodb and s3 styles) with fixed credentials and
/// clock; each case must give the same canonical request, string to sign and headers here.
@Suite struct SigV4BotocoreTests {
    struct Case: Decodable {
        struct Expected: Decodable {
            var canonicalRequest: String
            var stringToSign: String
            var authorization: String
            var amzDate: String
            var securityToken: String?
            var contentSHA256: String?
        }
        var name: String
        var method: String
        var url: String
        var headers: [[String]]
        var body: String
        var accessKeyId: String
        var secretAccessKey: String
        var sessionToken: String?
        var region: String
        var service: String
        var style: String
        var epochSeconds: Double
        var expected: Expected
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/sigv4/sigv4_botocore_cases.py").standardized

    /// Runs the botocore script; a missing python3 or botocore is a failure that says how to fix it, never a skip.
    static func botocoreCases() async throws -> [Case] {
        let p: ChildProcess.Outcome
        do { p = try await ChildProcess.run(["python3", script.path]) } catch {
            Issue.record("cannot run python3 for the botocore SigV4 reference (\(error)); install python3 and botocore")
            throw error
        }
        try #require(
            p.status == 0,
            "the botocore SigV4 reference script failed (exit \(p.status)): \(String(decoding: p.errors, as: UTF8.self))")
        return try JSONDecoder().decode([Case].self, from: p.output)
    }

    @Test func everyCaseMatchesBotocore() async throws {
        let cases = try await Self.botocoreCases()
        #expect(cases.count >= 12, "the script signs the whole set")
        for c in cases {
            let signer = SigV4Signer(
                credentials: AWSCredentials(accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken),
                region: c.region, service: c.service, options: c.style == "s3" ? .s3 : .standard)
            let request = SigV4Request(
                method: c.method, url: c.url, headers: c.headers.map { (name: $0[0], value: $0[1]) }, body: Array(c.body.utf8))
            let signed = try signer.sign(request, date: Date(timeIntervalSince1970: c.epochSeconds))
            #expect(signed.canonicalRequest.text == c.expected.canonicalRequest, "\(c.name): canonical request")
            #expect(signed.stringToSign == c.expected.stringToSign, "\(c.name): string to sign")
            #expect(signed.authorization == c.expected.authorization, "\(c.name): Authorization")
            #expect(signed.header("Authorization") == c.expected.authorization, "\(c.name): Authorization is sent")
            #expect(signed.header("X-Amz-Date") == c.expected.amzDate, "\(c.name): X-Amz-Date")
            #expect(signed.header("X-Amz-Security-Token") == c.expected.securityToken, "\(c.name): X-Amz-Security-Token")
            #expect(signed.header("X-Amz-Content-SHA256") == c.expected.contentSHA256, "\(c.name): X-Amz-Content-SHA256")
        }
        let names = Set(cases.map(\.name))
        #expect(names.isSuperset(of: ["bedrock-converse-json", "bedrock-converse-session-token", "get-query-spaces-unicode-reserved", "s3-put-object-token-query"]))
    }
}
