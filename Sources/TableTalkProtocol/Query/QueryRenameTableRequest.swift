/// `query.renameTable {table, newName}`: renames a table (`tableExists` when the new name is taken).
public struct QueryRenameTableRequest: RPCRequest, Hashable {
    public static let method = "query.renameTable"
    public typealias Response = TableDescription

    public var table: String
    public var newName: String
    public init(table: String, newName: String) {
        self.table = table
        self.newName = newName
    }
}
