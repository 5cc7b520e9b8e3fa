import Foundation
import TableTalkCore
import TableTalkProtocol

/// Core values → wire types. (The upload capability has the same table mapping; capability modules cannot share
/// code except through Core and Protocol, and Protocol must not know Core.)
enum WireMapping {
    static func table(_ t: TableInfo) -> TableDescription {
        TableDescription(
            name: t.name, sourceFile: t.sourceFile, rowCount: t.rowCount, columns: t.columns.map(column),
            createdAt: t.createdAt.formatted(.iso8601), version: t.version)
    }

    static func column(_ c: ColumnInfo) -> ColumnDescription {
        ColumnDescription(
            name: c.name, label: c.label, type: ColumnTypeName(rawValue: c.type.rawValue) ?? .text, nullCount: c.nullCount,
            examples: c.examples, notes: c.notes, distinctValues: c.distinctValues, distinctCount: c.distinctCount)
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
