/// `query.tables`: the caller's tables with their catalog facts.
public struct QueryTablesRequest: RPCRequest, Hashable {
    public static let method = "query.tables"
    public typealias Response = QueryTablesResult
    public init() {}
}

/// The caller's tables, by name.
public struct QueryTablesResult: Codable, Sendable, Hashable {
    public var tables: [TableDescription]
    public init(tables: [TableDescription]) { self.tables = tables }
}
