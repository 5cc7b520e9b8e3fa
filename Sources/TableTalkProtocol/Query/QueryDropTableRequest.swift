/// `query.dropTable {table}`: deletes a table and its kept source file.
public struct QueryDropTableRequest: RPCRequest, Hashable {
    public static let method = "query.dropTable"
    public typealias Response = QueryDropTableResult

    public var table: String
    public init(table: String) { self.table = table }
}

/// The table that was dropped.
public struct QueryDropTableResult: Codable, Sendable, Hashable {
    public var table: String
    public var dropped: Bool
    public init(table: String, dropped: Bool) {
        self.table = table
        self.dropped = dropped
    }
}
