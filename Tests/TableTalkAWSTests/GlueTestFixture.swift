import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TableTalkAWS
import TableTalkCSV
import TableTalkCore
import TableTalkTestSupport
import Testing

/// A fresh bucket, table store, ingestor and engine on the shared moto_server for the Glue, ingest and Athena
/// engine tests: unique bucket, database prefix and principal per test, so parallel tests never meet.
/// ``athenaRegion`` and ``secondAthenaRegion`` are regions of their own for the tests that seed Athena results (moto queues them per region).
struct GlueTestFixture {
    static let athenaRegion = "eu-south-2"
    /// A second one, so two seeding tests can run at the same time.
    static let secondAthenaRegion = "eu-central-2"
    let client: AWSClient
    let endpoint: String
    let bucket: String
    let store: GlueTableStore
    let rawFiles: S3ObjectStore
    let principal = Principal("user-\(UUID().uuidString.lowercased().prefix(8))")
    let workgroup: String

    static func make(region: String = MotoServer.region) async throws -> GlueTestFixture {
        let endpoint = try await MotoServer.endpoint()
        let settings = AWSSettings(region: region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        }
        let client = AWSClient(settings: settings, timeout: .seconds(10), retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
        let id = UUID().uuidString.lowercased().prefix(10)
        let bucket = "tt-glue-\(id)"
        let body =
            region == "us-east-1"
            ? [] : Array("<CreateBucketConfiguration><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>".utf8)
        _ = try await client.send(.s3, method: "PUT", path: "/\(bucket)", body: body)
        let workgroup = "tt-wg-\(id)"
        let wg = #"{"Name":"\#(workgroup)","Configuration":{"ResultConfiguration":{"OutputLocation":"s3://\#(bucket)/results/"}}}"#
        _ = try await client.json(.athena, action: "CreateWorkGroup", body: Array(wg.utf8))
        return GlueTestFixture(
            client: client, endpoint: endpoint, bucket: bucket,
            store: GlueTableStore(client: client, bucket: bucket, prefix: "tt", databasePrefix: "tt_\(id)_"),
            rawFiles: S3ObjectStore(client: client, bucket: bucket, prefix: "tt"), workgroup: workgroup)
    }

    var database: String { store.database(for: principal) }

    func ingestor(limits: CSVLimits = CSVLimits(), partBytes: Int = 32 << 20) -> GlueIngestor {
        GlueIngestor(store: store, objectStore: rawFiles, limits: limits, partBytes: partBytes)
    }

    func engine(onStarted: (@Sendable (String) -> Void)? = nil) -> AthenaEngine {
        let runner = AthenaQueryRunner(
            client: client,
            configuration: AthenaQueryConfiguration(
                workgroup: workgroup, resultsPrefix: "s3://\(bucket)/results/",
                polling: AthenaPolling(initial: .milliseconds(20), maximum: .milliseconds(100))),
            onStarted: onStarted)
        return AthenaEngine(store: store, runner: runner, objectStore: rawFiles)
    }

    /// Ingests a fixture of `Tests/Fixtures/csv` (copied first: the caller's file must stay in place).
    func ingest(_ fixture: String, as table: String = "", with ingestor: GlueIngestor? = nil) async throws -> IngestReport {
        let file = try Self.copy(Self.fixture(fixture))
        defer { try? FileManager.default.removeItem(at: file) }
        let report = try await (ingestor ?? self.ingestor()).ingest(
            file: file, table: table, sourceName: fixture, for: principal, progress: { _ in })
        #expect(FileManager.default.fileExists(atPath: file.path), "the ingestor must leave the caller's file in place")
        return report
    }

    /// Ingests CSV text.
    func ingest(text: String, as table: String, with ingestor: GlueIngestor? = nil) async throws -> IngestReport {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tt-glue-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await (ingestor ?? self.ingestor()).ingest(
            file: file, table: table, sourceName: "\(table).csv", for: principal, progress: { _ in })
    }

    /// Every object key under `tables/` of this principal.
    func tableObjects() async throws -> [String] {
        try await store.data.keys(prefix: "tt/tables/\(S3ObjectStore.principalDirectory(principal))/")
    }

    /// Every raw file kept for this principal.
    func rawObjects() async throws -> [String] {
        try await store.data.keys(prefix: "tt/users/\(S3ObjectStore.principalDirectory(principal))/")
    }

    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/csv/\(name)")
    }

    static func copy(_ url: URL) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tt-glue-\(UUID().uuidString)-\(url.lastPathComponent)")
        try FileManager.default.copyItem(at: url, to: copy)
        return copy
    }

    /// Queues Athena results (header row first) in this fixture's region.
    func seed(columns: [(name: String, type: String)], rows: [[String?]]) async throws {
        let payload: [String: Any] = [
            "region": client.settings.region,
            "results": [
                [
                    "rows": ([columns.map(\.name)] + rows).map { row in ["Data": row.map { $0.map { ["VarCharValue": $0] } ?? [:] }] },
                    "column_info": columns.map { ["Name": $0.name, "Label": $0.name, "Type": $0.type, "Nullable": "UNKNOWN"] },
                ] as [String: Any]
            ],
        ]
        var request = HTTPClientRequest(url: endpoint + "/moto-api/static/athena/query-results")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: payload)))
        let reply = try await AWSClient.sharedHTTP.execute(request, timeout: .seconds(10))
        #expect(reply.status.code == 201)
    }

    /// The SQL text of an Athena execution, as moto recorded it.
    func querySent(_ id: String) async throws -> (sql: String, database: String?) {
        let reply = try await client.json(.athena, action: "GetQueryExecution", body: Array(#"{"QueryExecutionId":"\#(id)"}"#.utf8))
        let object = try JSONSerialization.jsonObject(with: Data(reply)) as? [String: Any]
        let execution = object?["QueryExecution"] as? [String: Any] ?? [:]
        let context = execution["QueryExecutionContext"] as? [String: Any]
        return (execution["Query"] as? String ?? "", context?["Database"] as? String)
    }
}

