import Foundation
import TableTalkCore

/// Creates the history table with the key schema ``DynamoDBHistoryStore`` expects (string `PK` hash key, string
/// `SK` range key, on-demand billing), for tests on moto and as the reference for `deploy/` (whose template adds
/// point-in-time recovery and a customer-managed key).
public enum DynamoDBHistoryTable {
    struct Create: Encodable {
        struct Attribute: Encodable { var AttributeName: String; var AttributeType: String }
        struct KeyElement: Encodable { var AttributeName: String; var KeyType: String }
        var TableName: String
        var AttributeDefinitions = [Attribute(AttributeName: "PK", AttributeType: "S"), Attribute(AttributeName: "SK", AttributeType: "S")]
        var KeySchema = [KeyElement(AttributeName: "PK", KeyType: "HASH"), KeyElement(AttributeName: "SK", KeyType: "RANGE")]
        var BillingMode = "PAY_PER_REQUEST"
    }

    struct Describe: Encodable { var TableName: String }
    struct Description: Decodable {
        struct Table: Decodable { var TableStatus: String? }
        var Table: Table?
    }

    /// Creates the table (an existing one is left as it is) and waits until it is ACTIVE, for at most `wait`.
    public static func create(name: String, client: AWSClient, wait: Duration = .seconds(60)) async throws {
        do {
            let _: DynamoDBRequests.Empty = try await client.json(.dynamoDB, action: "CreateTable", Create(TableName: name))
        } catch let error as AWSError where error.code == "ResourceInUseException" {
            // Already there.
        }
        let deadline = ContinuousClock.now + wait
        while true {
            let reply: Description = try await client.json(.dynamoDB, action: "DescribeTable", Describe(TableName: name))
            if reply.Table?.TableStatus == "ACTIVE" { return }
            guard ContinuousClock.now < deadline else {
                throw TableTalkError(.internalFailure, "DynamoDB table \(name) is not ACTIVE after \(wait)")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }
}
