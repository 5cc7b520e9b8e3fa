/// The DynamoDB JSON request and reply shapes the history store sends (only the fields it uses; nil fields are
/// left out of the request).
enum DynamoDBRequests {
    struct GetItem: Encodable {
        var TableName: String
        var Key: DynamoItem
        var ConsistentRead = true
    }

    struct ItemReply: Decodable {
        var Item: DynamoItem?
    }

    struct PutItem: Encodable {
        var TableName: String
        var Item: DynamoItem
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
    }

    struct UpdateItem: Encodable {
        var TableName: String
        var Key: DynamoItem
        var UpdateExpression: String
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoItem?
        var ReturnValues: String?
    }

    struct DeleteItem: Encodable {
        var TableName: String
        var Key: DynamoItem
        var ConditionExpression: String?
        var ReturnValues: String?
    }

    struct AttributesReply: Decodable {
        var Attributes: DynamoItem?
    }

    struct Query: Encodable {
        var TableName: String
        var KeyConditionExpression: String
        var ExpressionAttributeValues: DynamoItem
        var ProjectionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ScanIndexForward: Bool
        var ConsistentRead = true
        var Limit: Int?
        var ExclusiveStartKey: DynamoItem?
    }

    struct QueryReply: Decodable {
        var Items: [DynamoItem]?
        var LastEvaluatedKey: DynamoItem?
    }

    /// One action of a TransactWriteItems call: exactly one of its fields is set.
    struct TransactItem: Encodable {
        var Put: PutItem?
        var Update: UpdateItem?
        var Delete: DeleteItem?
    }

    struct TransactWrite: Encodable {
        var TransactItems: [TransactItem]
    }

    struct Empty: Codable {}

    /// One entry of a BatchWriteItem request (DeleteRequest or PutRequest).
    struct WriteRequest: Codable, Hashable {
        struct Delete: Codable, Hashable { var Key: DynamoItem }
        struct Put: Codable, Hashable { var Item: DynamoItem }
        var DeleteRequest: Delete?
        var PutRequest: Put?
    }

    struct BatchWrite: Encodable {
        var RequestItems: [String: [WriteRequest]]
    }

    struct BatchWriteReply: Decodable {
        var UnprocessedItems: [String: [WriteRequest]]?
    }
}
