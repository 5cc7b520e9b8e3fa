/// The shapes of the Athena JSON API calls the runner makes (`AmazonAthena.<Action>`), with Athena's own field
/// names. Only the fields TableTalk sends or reads are declared; unknown reply fields are ignored.
enum AthenaWire {
    struct StartQueryExecution: Codable, Sendable {
        var QueryString: String
        var ClientRequestToken: String
        var QueryExecutionContext: ExecutionContext
        var ResultConfiguration: ResultConfiguration
        var WorkGroup: String
    }

    struct ExecutionContext: Codable, Sendable, Hashable {
        var Database: String?
        var Catalog: String?
    }

    struct ResultConfiguration: Codable, Sendable, Hashable {
        var OutputLocation: String?
        var EncryptionConfiguration: EncryptionConfiguration?
    }

    struct EncryptionConfiguration: Codable, Sendable, Hashable {
        var EncryptionOption: String
        var KmsKey: String?
    }

    struct Started: Decodable, Sendable { var QueryExecutionId: String }

    struct ExecutionId: Codable, Sendable { var QueryExecutionId: String }

    struct GetQueryExecutionReply: Decodable, Sendable { var QueryExecution: QueryExecution }

    struct QueryExecution: Decodable, Sendable {
        var QueryExecutionId: String
        var Query: String?
        var StatementType: String?
        var ResultConfiguration: ResultConfiguration?
        var QueryExecutionContext: ExecutionContext?
        var Status: Status
        var Statistics: Statistics?
        var WorkGroup: String?
    }

    struct Status: Decodable, Sendable {
        /// QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.
        var State: String
        var StateChangeReason: String?
        var AthenaError: AthenaError?
    }

    /// Athena's classification of a failure: category 1 system, 2 user, 3 other.
    struct AthenaError: Decodable, Sendable {
        var ErrorCategory: Int?
        var ErrorType: Int?
        var Retryable: Bool?
        var ErrorMessage: String?
    }

    struct Statistics: Decodable, Sendable {
        var EngineExecutionTimeInMillis: Int64?
        var DataScannedInBytes: Int64?
        var TotalExecutionTimeInMillis: Int64?
        var QueryQueueTimeInMillis: Int64?
    }

    struct GetQueryResults: Encodable, Sendable {
        var QueryExecutionId: String
        var NextToken: String?
        var MaxResults: Int
    }

    struct GetQueryResultsReply: Decodable, Sendable {
        var ResultSet: ResultSet
        var NextToken: String?
    }

    struct ResultSet: Decodable, Sendable {
        var Rows: [Row]?
        var ResultSetMetadata: Metadata?
    }

    struct Row: Decodable, Sendable { var Data: [Datum]? }

    /// One cell: `VarCharValue` absent means NULL.
    struct Datum: Decodable, Sendable { var VarCharValue: String? }

    struct Metadata: Decodable, Sendable { var ColumnInfo: [ColumnInfo]? }

    struct ColumnInfo: Codable, Sendable, Hashable {
        var Name: String
        var Label: String?
        var `Type`: String
        var Precision: Int?
        var Scale: Int?
    }

    struct Empty: Decodable, Sendable {}
}
