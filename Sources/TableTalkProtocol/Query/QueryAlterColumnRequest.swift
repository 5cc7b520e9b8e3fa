/// `query.alterColumn {table, column, type}`: re-types a column; values that do not convert become NULL and are
/// counted in the column's notes.
public struct QueryAlterColumnRequest: RPCRequest, Hashable {
    public static let method = "query.alterColumn"
    public typealias Response = TableDescription

    public var table: String
    public var column: String
    public var type: ColumnTypeName
    public init(table: String, column: String, type: ColumnTypeName) {
        self.table = table
        self.column = column
        self.type = type
    }
}
