import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport

/// moto_server set up for the Athena runner: a region of its own (moto queues seeded results per account and
/// region, and hands them to executions in the order they start, so other suites' seeds never reach these
/// tests), a fresh workgroup per test, results seeded through `POST /moto-api/static/athena/query-results`, and
/// the reads a test makes to see what the runner sent (`GetQueryExecution`, `ListQueryExecutions`).
struct AthenaMotoFixture {
    static let region = "ap-northeast-3"
    let client: AWSClient
    let endpoint: String
    let workgroup: String
    let database = "tt_db_\(UUID().uuidString.lowercased().prefix(8))"
    let principal = Principal("user-\(UUID().uuidString.lowercased().prefix(6))")

    static func make(bytesScannedCutoff: Int = 10_485_760) async throws -> AthenaMotoFixture {
        let endpoint = try await MotoServer.endpoint()
        let settings = AWSSettings(region: region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        }
        let client = AWSClient(settings: settings, timeout: .seconds(10), retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
        let fixture = AthenaMotoFixture(client: client, endpoint: endpoint, workgroup: "tt-wg-\(UUID().uuidString.lowercased().prefix(8))")
        let body = """
            {"Name":"\(fixture.workgroup)","Configuration":{"ResultConfiguration":{"OutputLocation":"s3://tt-results/workgroup/",\
            "EncryptionConfiguration":{"EncryptionOption":"SSE_S3"}},"EnforceWorkGroupConfiguration":false,\
            "BytesScannedCutoffPerQuery":\(bytesScannedCutoff)}}
            """
        _ = try await client.json(.athena, action: "CreateWorkGroup", body: Array(body.utf8))
        return fixture
    }

    func runner(encryption: AthenaResultEncryption = .sseS3, onStarted: (@Sendable (String) -> Void)? = nil) -> AthenaQueryRunner {
        AthenaQueryRunner(
            client: client,
            configuration: AthenaQueryConfiguration(
                workgroup: workgroup, resultsPrefix: "s3://tt-bucket/results/", encryption: encryption,
                polling: AthenaPolling(initial: .milliseconds(20), maximum: .milliseconds(100))),
            onStarted: onStarted)
    }

    /// Queues one result per element (header row first, as Athena sends a SELECT's results).
    func seed(_ results: [(columns: [(name: String, type: String)], rows: [[String?]])]) async throws {
        let payload: [String: Any] = [
            "region": Self.region,
            "results": results.map { r in
                [
                    "rows": ([r.columns.map(\.name)] + r.rows).map { row in
                        ["Data": row.map { $0.map { ["VarCharValue": $0] } ?? [:] }]
                    },
                    "column_info": r.columns.map { c -> [String: Any] in
                        var info: [String: Any] = ["Name": c.name, "Label": c.name, "Type": c.type, "Nullable": "UNKNOWN"]
                        if c.type == "decimal" { info["Precision"] = 10; info["Scale"] = 2 }
                        return info
                    },
                ] as [String: Any]
            },
        ]
        var request = HTTPClientRequest(url: endpoint + "/moto-api/static/athena/query-results")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: payload)))
        let reply = try await AWSClient.sharedHTTP.execute(request, timeout: .seconds(10))
        guard reply.status.code == 201 else { throw AWSError(status: Int(reply.status.code), code: "SeedFailed", message: "moto-api refused the seed") }
    }

    /// moto's record of an execution, as JSON.
    func execution(_ id: String) async throws -> [String: Any] {
        let reply = try await client.json(.athena, action: "GetQueryExecution", body: Array(#"{"QueryExecutionId":"\#(id)"}"#.utf8))
        let object = try JSONSerialization.jsonObject(with: Data(reply)) as? [String: Any]
        return object?["QueryExecution"] as? [String: Any] ?? [:]
    }

    /// Executions moto holds for this test's workgroup.
    func executionIds() async throws -> [String] {
        let reply = try await client.json(.athena, action: "ListQueryExecutions", body: Array(#"{"WorkGroup":"\#(workgroup)"}"#.utf8))
        let object = try JSONSerialization.jsonObject(with: Data(reply)) as? [String: Any]
        return object?["QueryExecutionIds"] as? [String] ?? []
    }
}
