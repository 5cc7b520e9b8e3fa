import Foundation
import TableTalkCore
import TableTalkProtocol

/// Core catalog values → wire types. (The query capability has the same mapping; capability modules cannot
/// share code except through Core and Protocol, and Protocol must not know Core.)
enum WireMapping {
    static func table(_ t: TableInfo) -> TableDescription {
        TableDescription(
            name: t.name, sourceFile: t.sourceFile, rowCount: t.rowCount, columns: t.columns.map(column),
            createdAt: iso8601(t.createdAt), version: t.version)
    }

    static func column(_ c: ColumnInfo) -> ColumnDescription {
        ColumnDescription(
            name: c.name, label: c.label, type: ColumnTypeName(rawValue: c.type.rawValue) ?? .text, nullCount: c.nullCount,
            examples: c.examples, notes: c.notes, distinctValues: c.distinctValues, distinctCount: c.distinctCount)
    }

    static func result(_ r: IngestReport, uploadId: String) -> UploadResult {
        let header = r.detected["header"].map { $0 == "true" }
        return UploadResult(
            uploadId: uploadId, table: table(r.table), replaced: r.replaced, changedColumns: r.changedColumns,
            warnings: r.warnings,
            detected: DetectedFormat(encoding: r.detected["encoding"], delimiter: r.detected["delimiter"], header: header))
    }

    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
