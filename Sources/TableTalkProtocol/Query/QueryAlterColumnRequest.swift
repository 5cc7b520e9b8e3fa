/// `query.alterColumn {table, column, type, confirm?}`: re-types a column, keeping its values before the change
/// (changing it back restores them). When some values would not convert, error 2009 `typeConversion` says how many
/// (nothing changes) unless `confirm` is true; confirmed, they become NULL and are counted in the column's notes.
public struct QueryAlterColumnRequest: RPCRequest, Hashable {
    public static let method = "query.alterColumn"
    public typealias Response = TableDescription

    public var table: String
    public var column: String
    public var type: ColumnTypeName
    /// Applies a change even though some values would not convert.
    public var confirm: Bool?
    public init(table: String, column: String, type: ColumnTypeName, confirm: Bool? = nil) {
        self.table = table
        self.column = column
        self.type = type
        self.confirm = confirm
    }
}
