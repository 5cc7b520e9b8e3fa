import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// The shared AWS client against moto_server over real HTTP: signing, error codes, query and JSON protocols,
/// and a presigned URL used by a client that has no credentials.
@Suite struct AWSClientTests {
    static func client() async throws -> AWSClient {
        let endpoint = try await MotoServer.endpoint()
        let settings = AWSSettings(region: MotoServer.region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        }
        return AWSClient(settings: settings, timeout: .seconds(10), retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
    }

    @Test func restXMLErrorCarriesTheServiceCode() async throws {
        let aws = try await Self.client()
        let bucket = "tt-missing-\(UUID().uuidString.lowercased().prefix(8))"
        await #expect(throws: AWSError.self) { _ = try await aws.send(.s3, method: "GET", path: "/\(bucket)/nothing") }
        do {
            _ = try await aws.send(.s3, method: "GET", path: "/\(bucket)/nothing")
        } catch let error as AWSError {
            #expect(error.code == "NoSuchBucket")
            #expect(error.status == 404)
        }
    }

    @Test func presignedPutWorksWithoutCredentials() async throws {
        let aws = try await Self.client()
        let bucket = "tt-presign-\(UUID().uuidString.lowercased().prefix(8))"
        _ = try await aws.send(.s3, method: "PUT", path: "/\(bucket)")
        let url = SigV4Request.url(endpoint: aws.settings.endpoint(.s3), path: "/\(bucket)/dir/a b.csv")
        let presigned = try SigV4Presigner(signer: aws.signer(for: .s3)).presign(method: "PUT", url: url, expires: .seconds(300))
        #expect(presigned.contains("X-Amz-Signature="))
        var put = HTTPClientRequest(url: presigned)
        put.method = .PUT
        put.body = .bytes(.init(string: "a,b\n1,2\n"))
        let reply = try await AWSClient.sharedHTTP.execute(put, timeout: .seconds(10))
        #expect(reply.status.code == 200)
        let got = try await aws.send(.s3, method: "GET", path: "/\(bucket)/dir/a b.csv")
        #expect(got.text == "a,b\n1,2\n")
    }

    @Test func jsonAndQueryProtocols() async throws {
        let aws = try await Self.client()
        struct ListTables: Encodable {}
        struct Tables: Decodable { var TableNames: [String] }
        let tables: Tables = try await aws.json(.dynamoDB, action: "ListTables", ListTables())
        #expect(tables.TableNames.count >= 0)
        let name = "tt-q-\(UUID().uuidString.lowercased().prefix(8))"
        let xml = try await aws.query(.sqs, action: "CreateQueue", parameters: [(name: "QueueName", value: name)])
        #expect(AWSXML.value("QueueUrl", in: xml)?.hasSuffix(name) == true)
        do {
            _ = try await aws.json(.glue, action: "GetDatabase", body: Array(#"{"Name":"tt_missing_db"}"#.utf8))
            Issue.record("GetDatabase of a missing database succeeded")
        } catch let error as AWSError {
            #expect(error.code == "EntityNotFoundException")
        }
    }

    @Test func xmlValuesReadsFlatReplies() {
        let xml = "<R><UploadId>abc&amp;1</UploadId><Part><ETag>\"e1\"</ETag></Part><Part><ETag>\"e2\"</ETag></Part><Empty/></R>"
        #expect(AWSXML.value("UploadId", in: xml) == "abc&1")
        #expect(AWSXML.values("ETag", in: xml) == ["\"e1\"", "\"e2\""])
        #expect(AWSXML.values("Empty", in: xml) == [""])
        #expect(AWSXML.value("Missing", in: xml) == nil)
    }
}
