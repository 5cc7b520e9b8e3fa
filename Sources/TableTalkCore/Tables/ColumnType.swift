/// The SQL type inferred for (or assigned to) a column.
public enum ColumnType: String, Sendable, Codable, CaseIterable, Hashable {
    case integer = "INTEGER"
    case real = "REAL"
    case boolean = "BOOLEAN"
    case date = "DATE"
    case timestamp = "TIMESTAMP"
    case text = "TEXT"

    public var isNumeric: Bool { self == .integer || self == .real }
    public var isTemporal: Bool { self == .date || self == .timestamp }
}
