import Foundation
import TableTalkAWS
import TableTalkTestSupport
import Testing

/// Presigned S3 URLs against botocore's `S3SigV4QueryAuth`: Tests/Fixtures/sigv4/presign_botocore_cases.py presigns
/// multipart `UploadPart` requests (virtual-hosted and path-style, session token, keys with spaces, parentheses and
/// unicode, expiries from 1 s to 7 days) with fixed credentials and clock; ours must be the same URL, byte for byte.
@Suite struct S3PresignBotocoreTests {
    struct Case: Decodable {
        var name: String
        var method: String
        var url: String
        var accessKeyId: String
        var secretAccessKey: String
        var sessionToken: String?
        var region: String
        var expires: Int
        var epochSeconds: Double
        var presigned: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/sigv4/presign_botocore_cases.py").standardized

    @Test func presignedURLsMatchBotocore() async throws {
        let p: ChildProcess.Outcome
        do { p = try await ChildProcess.run(["python3", Self.script.path]) } catch {
            Issue.record("cannot run python3 for the botocore presign reference (\(error)); install python3 and botocore")
            throw error
        }
        try #require(p.status == 0, "the botocore presign script failed (exit \(p.status)): \(String(decoding: p.errors, as: UTF8.self))")
        let cases = try JSONDecoder().decode([Case].self, from: p.output)
        #expect(cases.count >= 4)
        for c in cases {
            let signer = SigV4Signer(
                credentials: AWSCredentials(accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken),
                region: c.region, service: "s3", options: .s3)
            let ours = try SigV4Presigner(signer: signer).presign(
                method: c.method, url: c.url, expires: .seconds(c.expires), date: Date(timeIntervalSince1970: c.epochSeconds))
            #expect(ours == c.presigned, "\(c.name)")
        }
    }

    @Test func ourUploadPartURLIsTheOneBotocoreSigns() async throws {
        // the wire URL S3Location builds for a part is the input botocore signed in the first case
        let location = S3Location(bucket: "tabletalk-data", region: "eu-west-1", endpointOverride: nil)
        let url = location.url(
            key: "prod/users/alice/uploads/0123abcd/sales.csv",
            query: [(name: "partNumber", value: "1"), (name: "uploadId", value: "VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA--")])
        let p = try await ChildProcess.run(["python3", Self.script.path])
        let cases = try JSONDecoder().decode([Case].self, from: p.output)
        #expect(cases.first { $0.name == "upload-part-virtual-hosted" }?.url == url)
    }
}
