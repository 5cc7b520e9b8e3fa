/// A table as `query.tables`, `query.describe` and `upload.finish` report it: origin, size and typed columns.
public struct TableDescription: Codable, Sendable, Hashable {
    /// SQL name (snake_case).
    public var name: String
    /// The file it was built from.
    public var sourceFile: String
    public var rowCount: Int
    public var columns: [ColumnDescription]
    /// ISO 8601 creation time.
    public var createdAt: String
    /// Bumped whenever content or schema change.
    public var version: Int

    public init(name: String, sourceFile: String, rowCount: Int, columns: [ColumnDescription], createdAt: String, version: Int) {
        self.name = name
        self.sourceFile = sourceFile
        self.rowCount = rowCount
        self.columns = columns
        self.createdAt = createdAt
        self.version = version
    }
}

/// One column: its SQL name, the original header (`label`), type, examples and inference notes.
public struct ColumnDescription: Codable, Sendable, Hashable {
    public var name: String
    public var label: String
    public var type: ColumnTypeName
    public var nullCount: Int
    public var examples: [String]
    /// Notes from inference ("dates read as day/month: ambiguous", "3 values did not convert").
    public var notes: [String]
    /// Every distinct value, for low-cardinality text columns.
    public var distinctValues: [String]?
    public var distinctCount: Int?
    /// The caller's other names for the column (`query.setColumnNames`); absent when it has none.
    public var aliases: [String]?

    public init(
        name: String, label: String, type: ColumnTypeName, nullCount: Int, examples: [String], notes: [String] = [],
        distinctValues: [String]? = nil, distinctCount: Int? = nil, aliases: [String]? = nil
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.nullCount = nullCount
        self.examples = examples
        self.notes = notes
        self.distinctValues = distinctValues
        self.distinctCount = distinctCount
        self.aliases = aliases
    }
}
