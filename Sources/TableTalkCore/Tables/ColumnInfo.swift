/// One column of a user table as the catalog knows it.
public struct ColumnInfo: Sendable, Codable, Hashable {
    /// SQL-friendly snake_case name.
    public var name: String
    /// The header as it appeared in the file.
    public var label: String
    public var type: ColumnType
    public var nullCount: Int
    /// A few example values, as text.
    public var examples: [String]
    /// All distinct values when the column has few (low-cardinality text columns), else nil.
    public var distinctValues: [String]?
    /// Number of distinct non-null values (may be an estimate for large tables).
    public var distinctCount: Int?
    /// Notes from inference (e.g. "dates read as day/month: ambiguous").
    public var notes: [String]

    public init(
        name: String, label: String, type: ColumnType, nullCount: Int = 0, examples: [String] = [],
        distinctValues: [String]? = nil, distinctCount: Int? = nil, notes: [String] = []
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.nullCount = nullCount
        self.examples = examples
        self.distinctValues = distinctValues
        self.distinctCount = distinctCount
        self.notes = notes
    }
}
