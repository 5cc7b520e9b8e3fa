/// `query.describe {table}`: one table's catalog entry (`tableNotFound` when absent).
public struct QueryDescribeRequest: RPCRequest, Hashable {
    public static let method = "query.describe"
    public typealias Response = TableDescription

    public var table: String
    public init(table: String) { self.table = table }
}
