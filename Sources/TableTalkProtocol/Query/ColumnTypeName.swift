/// A column's SQL type on the wire. Decodes case-insensitively (`real` and `REAL` are the same).
public enum ColumnTypeName: String, Codable, Sendable, Hashable, CaseIterable {
    case integer = "INTEGER"
    case real = "REAL"
    case boolean = "BOOLEAN"
    case date = "DATE"
    case timestamp = "TIMESTAMP"
    case text = "TEXT"

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let value = ColumnTypeName(rawValue: raw.uppercased()) else {
            let allowed = ColumnTypeName.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(raw)\" is not one of \(allowed)")
        }
        self = value
    }
}
