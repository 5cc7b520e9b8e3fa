import Foundation
import TableTalkCore

/// The calls the history store makes on its one DynamoDB table, over the shared ``AWSClient`` (signing, retries
/// of throttling and 5xx). A failed condition comes back as ``DynamoDBConditionFailed`` for the caller to map;
/// any other AWS failure becomes a `TableTalkError` that names the table and the service's code.
struct DynamoDBTable: Sendable {
    let client: AWSClient
    let name: String
    /// `Limit` of each Query request (nil: DynamoDB's 1 MB pages).
    let pageSize: Int?

    func get(_ key: DynamoItem) async throws -> DynamoItem? {
        let reply: DynamoDBRequests.ItemReply = try await call(
            "GetItem", DynamoDBRequests.GetItem(TableName: name, Key: key))
        return reply.Item
    }

    func put(_ item: DynamoItem, condition: String? = nil) async throws {
        let _: DynamoDBRequests.Empty = try await call(
            "PutItem", DynamoDBRequests.PutItem(TableName: name, Item: item, ConditionExpression: condition))
    }

    /// An UpdateItem; returns the attributes `returnValues` asks for (`UPDATED_NEW`, `ALL_NEW`…).
    @discardableResult
    func update(
        _ key: DynamoItem, _ expression: String, condition: String? = nil, names: [String: String]? = nil,
        values: DynamoItem? = nil, returnValues: String? = nil
    ) async throws -> DynamoItem? {
        let reply: DynamoDBRequests.AttributesReply = try await call(
            "UpdateItem",
            DynamoDBRequests.UpdateItem(
                TableName: name, Key: key, UpdateExpression: expression, ConditionExpression: condition,
                ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValues: returnValues))
        return reply.Attributes
    }

    /// Deletes an item; returns what it held (nil when there was none).
    func delete(_ key: DynamoItem) async throws -> DynamoItem? {
        let reply: DynamoDBRequests.AttributesReply = try await call(
            "DeleteItem", DynamoDBRequests.DeleteItem(TableName: name, Key: key, ReturnValues: "ALL_OLD"))
        return reply.Attributes
    }

    /// Queries one partition, following `LastEvaluatedKey` until `limit` items are read or none remain.
    func query(
        _ keyCondition: String, values: DynamoItem, forward: Bool, limit: Int? = nil, projection: String? = nil
    ) async throws -> [DynamoItem] {
        var out: [DynamoItem] = []
        var start: DynamoItem? = nil
        repeat {
            let left = limit.map { $0 - out.count }
            if let left, left <= 0 { break }
            let pageLimit = [left, pageSize].compactMap { $0 }.min()
            let reply: DynamoDBRequests.QueryReply = try await call(
                "Query",
                DynamoDBRequests.Query(
                    TableName: name, KeyConditionExpression: keyCondition, ExpressionAttributeValues: values,
                    ProjectionExpression: projection, ScanIndexForward: forward, Limit: pageLimit, ExclusiveStartKey: start))
            out += reply.Items ?? []
            start = reply.LastEvaluatedKey
        } while start != nil
        if let limit, out.count > limit { out.removeLast(out.count - limit) }
        return out
    }

    /// TransactWriteItems (all or nothing). A cancelled transaction throws ``DynamoDBConditionFailed``.
    func transact(_ items: [DynamoDBRequests.TransactItem]) async throws {
        let _: DynamoDBRequests.Empty = try await call("TransactWriteItems", DynamoDBRequests.TransactWrite(TransactItems: items))
    }

    func call<Reply: Decodable>(_ action: String, _ request: some Encodable) async throws -> Reply {
        do {
            return try await client.json(.dynamoDB, action: action, request, as: Reply.self)
        } catch let error as AWSError {
            throw Self.mapped(error, action: action, table: name)
        }
    }

    static func mapped(_ error: AWSError, action: String, table: String) -> any Error {
        switch error.code {
        case "ConditionalCheckFailedException", "TransactionCanceledException":
            return DynamoDBConditionFailed(action: action, message: error.message)
        case "ResourceNotFoundException":
            return TableTalkError(
                .internalFailure, "the history table '\(table)' does not exist in DynamoDB (\(error.message))",
                details: ["table": table, "awsCode": error.code])
        default:
            return TableTalkError(
                .internalFailure, "DynamoDB \(action) on '\(table)' failed: \(error)",
                details: ["table": table, "awsCode": error.code])
        }
    }
}

/// A conditional write or transaction that DynamoDB refused because its condition did not hold; the store turns
/// it into the domain's answer (session not found, duplicate message id…).
struct DynamoDBConditionFailed: Error, Sendable, CustomStringConvertible {
    var action: String
    var message: String
    var description: String { "DynamoDB \(action): condition failed (\(message))" }
}
