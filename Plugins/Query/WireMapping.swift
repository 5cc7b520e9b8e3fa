import Foundation
import TableTalkCore
import TableTalkProtocol

/// Core values → wire types. (The upload capability has the same table mapping; capability modules cannot share
/// code except through Core and Protocol, and Protocol must not know Core.)
enum WireMapping {
    /// - Parameter aliases: the caller's other names for the table's columns (column → names).
    static func table(_ t: TableInfo, aliases: [String: [String]] = [:]) -> TableDescription {
        TableDescription(
            name: t.name, sourceFile: t.sourceFile, rowCount: t.rowCount,
            columns: t.columns.map { column($0, aliases: aliases[$0.name] ?? []) },
            createdAt: t.createdAt.formatted(.iso8601), version: t.version)
    }

    static func column(_ c: ColumnInfo, aliases: [String] = []) -> ColumnDescription {
        ColumnDescription(
            name: c.name, label: c.label, type: ColumnTypeName(rawValue: c.type.rawValue) ?? .text, nullCount: c.nullCount,
            examples: c.examples, notes: c.notes, distinctValues: c.distinctValues, distinctCount: c.distinctCount,
            aliases: aliases.isEmpty ? nil : aliases)
    }

    static func cell(_ v: CellValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .integer(let i): return .int(i)
        case .real(let d): return d.isFinite ? .double(d) : .null
        case .text(let s): return .string(s)
        }
    }

    static func columnType(_ t: ColumnTypeName) -> ColumnType { ColumnType(rawValue: t.rawValue) ?? .text }
}
