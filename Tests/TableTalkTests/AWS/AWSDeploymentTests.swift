import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TableTalkAWS
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport
import Testing

/// The real `tabletalk stdio` binary on the AWS deployment (`TABLETALK_DEPLOYMENT=aws`) against moto_server:
/// the transcripts whose behaviour does not depend on the engine replay unchanged, and a client that knows nothing
/// of AWS uploads a CSV with `upload.chunk` (raw file and typed copy in S3, table in Glue), asks a question (the
/// offline translator's Trino SQL goes to Athena; moto returns seeded rows), and reads its history (DynamoDB).
@Suite("AWS deployment", .serialized)
struct AWSDeploymentTests {
    /// moto queues seeded Athena results per region: this suite has one to itself.
    static let region = "ca-central-1"

    /// Transcripts that do not run SQL: the gateway must behave the same on both deployments.
    static let sameOnBoth = ["lifecycle", "errors", "batch", "discover", "monitoring"]

    struct Stack {
        let endpoint: String
        let client: AWSClient
        let environment: [String: String]
    }

    static func stack() async throws -> Stack {
        let endpoint = try await MotoServer.endpoint()
        let client = AWSClient(settings: AWSSettings(region: region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        })
        let suffix = UUID().uuidString.lowercased().prefix(8)
        let bucket = "tt-deploy-\(suffix)", table = "tt-history-\(suffix)", workgroup = "tt-wg-\(suffix)"
        let location = "<CreateBucketConfiguration><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>"
        _ = try await client.send(.s3, method: "PUT", path: "/\(bucket)", body: Array(location.utf8))
        try await DynamoDBHistoryTable.create(name: table, client: client)
        let group = #"{"Name":"\#(workgroup)","Configuration":{"ResultConfiguration":{"OutputLocation":"s3://\#(bucket)/results/"}}}"#
        _ = try await client.json(.athena, action: "CreateWorkGroup", body: Array(group.utf8))
        let environment = [
            "TABLETALK_DEPLOYMENT": "aws", "TABLETALK_AWS_REGION": region, "TABLETALK_AWS_ENDPOINT_OVERRIDE": endpoint,
            "TABLETALK_AWS_BUCKET": bucket, "TABLETALK_AWS_DYNAMODB_TABLE": table, "TABLETALK_AWS_ATHENA_WORKGROUP": workgroup,
            "TABLETALK_AWS_COGNITO_USER_POOL_ID": "\(region)_unused", "TABLETALK_AWS_COGNITO_CLIENT_ID": "unused",
            "TABLETALK_AWS_METRICS_INTERVAL_SECONDS": "1",
            "AWS_ACCESS_KEY_ID": MotoServer.accessKeyId, "AWS_SECRET_ACCESS_KEY": MotoServer.secretAccessKey,
        ]
        return Stack(endpoint: endpoint, client: client, environment: environment)
    }

    @Test("transcripts over stdio", arguments: sameOnBoth)
    func transcript(_ name: String) async throws {
        let stack = try await Self.stack()
        let connection = StdioConnection(server: try ServerProcess(["stdio"], environment: stack.environment))
        try await TranscriptPlayer.play(try Transcript.load(name), over: connection)
        await connection.close()
    }

    @Test func uploadAskAndHistoryThroughTheSameProtocol() async throws {
        let stack = try await Self.stack()
        let server = try ServerProcess(["stdio"], environment: stack.environment)
        let connection = StdioConnection(server: server)
        defer { server.terminate() }
        var nextId: Int64 = 0
        func call(_ method: String, _ params: JSONValue) async throws -> JSONValue {
            nextId += 1
            let request = JSONValue.object(["jsonrpc": "2.0", "id": .int(nextId), "method": .string(method), "params": params])
            try await connection.send(String(decoding: try JSONEncoder().encode(request), as: UTF8.self))
            while let message = try await connection.receive() {
                guard message["id"]?.intValue == nextId else { continue }
                if let error = message["error"] { throw TranscriptPlayer.Mismatch(description: "\(method): \(error)") }
                return try #require(message["result"])
            }
            throw TranscriptPlayer.Mismatch(description: "stdio ended; stderr: \(server.stderr)")
        }

        let hello = try await call("initialize", ["protocolVersion": "1.0"])
        #expect(hello["capabilities"]?["features"]?["engine"] == "athena")
        #expect(hello["capabilities"]?["features"]?["deployment"] == "aws")

        // upload.chunk, as the chat transcript does: the client does not know the parts could go to S3
        let csv = "region,sales\nNorth,10\nSouth,20\nNorth,5\nEast,12\n"
        let begun = try await call("upload.begin", ["name": "sales.csv", "size": .int(Int64(csv.utf8.count))])
        let id = try #require(begun["uploadId"]?.stringValue)
        _ = try await call("upload.chunk", ["uploadId": .string(id), "offset": 0, "data": .string(Data(csv.utf8).base64EncodedString())])
        let finished = try await call("upload.finish", ["uploadId": .string(id)])
        #expect(finished["table"]?["name"] == "sales")
        #expect(finished["table"]?["rowCount"] == 4)
        #expect(finished["table"]?["columns"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["TEXT", "INTEGER"])

        // the table is in the principal's Glue database, typed
        let database = "tabletalk_local"
        let glue = try await stack.client.json(.glue, action: "GetTable", body: Array(#"{"DatabaseName":"\#(database)","Name":"sales"}"#.utf8))
        let table = try JSONSerialization.jsonObject(with: Data(glue)) as? [String: Any]
        let columns = ((table?["Table"] as? [String: Any])?["StorageDescriptor"] as? [String: Any])?["Columns"] as? [[String: Any]]
        #expect(columns?.compactMap { $0["Type"] as? String } == ["string", "bigint"])

        // a question: the offline translator's Trino SQL runs on Athena; moto answers with the seeded rows
        try await Self.seed(stack, columns: [("region", "varchar"), ("sales", "bigint")], rows: [["North", "15"], ["South", "20"], ["East", "12"]])
        let session = try #require(try await call("chat.start", ["title": "Sales"])["sessionId"]?.stringValue)
        let answer = try await call("chat.send", ["sessionId": .string(session), "text": "total sales by region"])
        let sql = try #require(answer["sql"]?.stringValue)
        #expect(sql.lowercased().contains("sum("), "\(sql)")
        #expect(answer["result"]?["rows"] == [["North", 15], ["South", 20], ["East", 12]])
        let sent = try await Self.lastQuery(stack)
        #expect(sent.contains("\"sales\"") && sent.lowercased().contains("group by"), "Athena got: \(sent)")

        // guarded before anything is sent
        do {
            _ = try await call("query.run", ["sql": "DROP TABLE sales"])
            Issue.record("a write ran on Athena")
        } catch let refused as TranscriptPlayer.Mismatch {
            #expect(refused.description.contains("2003") || refused.description.contains("not allowed"), "\(refused)")
        }

        // history lives in DynamoDB and reads back through history.*
        let messages = try await call("history.messages", ["sessionId": .string(session)])
        #expect(messages["messages"]?.arrayValue?.compactMap { $0["role"]?.stringValue } == ["user", "assistant"])
        let items = try await stack.client.json(
            .dynamoDB, action: "Scan", body: Array(#"{"TableName":"\#(stack.environment["TABLETALK_AWS_DYNAMODB_TABLE"]!)"}"#.utf8))
        #expect(String(decoding: items, as: UTF8.self).contains("total sales by region"))
        await connection.close()
    }

    /// Queues one Athena result (header row first) in this suite's region.
    static func seed(_ stack: Stack, columns: [(String, String)], rows: [[String]]) async throws {
        let payload: [String: Any] = [
            "region": region,
            "results": [[
                "rows": ([columns.map(\.0)] + rows).map { ["Data": $0.map { ["VarCharValue": $0] }] },
                "column_info": columns.map { ["Name": $0.0, "Label": $0.0, "Type": $0.1, "Nullable": "UNKNOWN"] },
            ] as [String: Any]],
        ]
        var request = URLRequest(url: URL(string: stack.endpoint + "/moto-api/static/athena/query-results")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: payload)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)
    }

    /// The text of the newest query Athena (moto) was sent in this region.
    static func lastQuery(_ stack: Stack) async throws -> String {
        let workgroup = stack.environment["TABLETALK_AWS_ATHENA_WORKGROUP"]!
        let list = try await stack.client.json(.athena, action: "ListQueryExecutions", body: Array(#"{"WorkGroup":"\#(workgroup)"}"#.utf8))
        let ids = (try JSONSerialization.jsonObject(with: Data(list)) as? [String: Any])?["QueryExecutionIds"] as? [String] ?? []
        var texts: [String] = []
        for id in ids {
            let reply = try await stack.client.json(.athena, action: "GetQueryExecution", body: Array(#"{"QueryExecutionId":"\#(id)"}"#.utf8))
            let execution = (try JSONSerialization.jsonObject(with: Data(reply)) as? [String: Any])?["QueryExecution"] as? [String: Any]
            if let q = execution?["Query"] as? String { texts.append(q) }
        }
        return texts.last ?? ""
    }
}
