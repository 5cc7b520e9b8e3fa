import TableTalkCore

/// Athena's result types (from `ResultSetMetadata.ColumnInfo`) as TableTalk's: every cell arrives as text
/// (`VarCharValue`, absent for NULL) and is read back by its column's type, so a client sees the same values and
/// type names as from the embedded engine — integers as numbers, booleans as 1/0 (`BOOLEAN`), dates and timestamps
/// as ISO text (`2024-03-05`, `2024-03-05 10:30:00`, Athena's `.000` dropped), everything else as text.
enum AthenaValueMapping {
    /// Our column type for an Athena type name (`varchar(20)`, `decimal(10,2)`, `timestamp with time zone`).
    static func columnType(_ athenaType: String, scale: Int?) -> ColumnType {
        let base = athenaType.lowercased().split(whereSeparator: { $0 == "(" || $0 == " " }).first.map(String.init) ?? ""
        switch base {
        case "tinyint", "smallint", "integer", "int", "bigint": return .integer
        case "double", "float", "real": return .real
        case "decimal": return (scale ?? 0) == 0 ? .integer : .real
        case "boolean": return .boolean
        case "date": return .date
        case "timestamp": return .timestamp
        default: return .text
        }
    }

    /// One cell of a column of type `type`; text that does not read as the type stays text.
    static func cell(_ text: String?, as type: ColumnType) -> CellValue {
        guard let text else { return .null }
        switch type {
        case .integer:
            if let i = Int64(text) { return .integer(i) }
            if let d = Double(text) { return .real(d) }  // a decimal(38,0) beyond Int64
            return .text(text)
        case .real:
            return Double(text).map(CellValue.real) ?? .text(text)
        case .boolean:
            switch text.lowercased() {
            case "true": return .integer(1)
            case "false": return .integer(0)
            default: return .text(text)
            }
        case .timestamp:
            return .text(trimmingZeroFraction(text))
        case .date, .text:
            return .text(text)
        }
    }

    /// `2024-03-05 10:30:00.000` → `2024-03-05 10:30:00` (a fraction that is all zeros says nothing).
    static func trimmingZeroFraction(_ text: String) -> String {
        guard let dot = text.lastIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }),
            text[..<dot].contains(":")
        else { return text }
        return String(text[..<dot])
    }
}
