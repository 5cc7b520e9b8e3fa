/// `query.setColumnNames {table, column, names}`: the caller's other names for a column ("revenue", "sales" for
/// `amount`), read by the translator like the column's own name. Replaces the column's names (`[]` clears them);
/// a name that is empty, too long, or already names another column is `columnNameRejected` (`data.reason`).
public struct QuerySetColumnNamesRequest: RPCRequest, Hashable {
    public static let method = "query.setColumnNames"
    public typealias Response = TableDescription

    public var table: String
    public var column: String
    public var names: [String]
    public init(table: String, column: String, names: [String]) {
        self.table = table
        self.column = column
        self.names = names
    }
}
