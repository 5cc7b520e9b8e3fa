public import Foundation

/// A user table in the catalog: where it came from, its size and its columns.
public struct TableInfo: Sendable, Codable, Hashable {
    public var name: String
    public var sourceFile: String
    public var rowCount: Int
    public var columns: [ColumnInfo]
    public var createdAt: Date
    /// Bumped whenever the table's content or schema changes (used to invalidate caches).
    public var version: Int

    public init(name: String, sourceFile: String, rowCount: Int, columns: [ColumnInfo], createdAt: Date, version: Int = 1) {
        self.name = name
        self.sourceFile = sourceFile
        self.rowCount = rowCount
        self.columns = columns
        self.createdAt = createdAt
        self.version = version
    }

    public func column(named name: String) -> ColumnInfo? { columns.first { $0.name == name } }
}
