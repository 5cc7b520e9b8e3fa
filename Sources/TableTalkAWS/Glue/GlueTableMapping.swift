public import Foundation
public import TableTalkCore

/// A TableTalk table as a Glue table and back. The columns carry Athena types (``athenaType(_:)``); the catalog
/// facts ``TableInfo`` has beyond names and types (source file, rows, creation time, version, and per column the
/// header, null count, examples, distinct values and inference notes) are kept as `tabletalk.*` Parameters of the
/// table and of each column, so `describe` on Athena answers what it answers on SQLite.
///
/// The storage side (delimited text for Hive's LazySimpleSerDe: tab-separated, `\` escapes, `\N` for NULL) is
/// described by ``GlueTableMapping/serde``; ``GlueIngestor`` writes data in exactly that form.
public enum GlueTableMapping {
    /// Parameter names (table level).
    public enum Key {
        public static let sourceFile = "tabletalk.sourceFile"
        public static let rowCount = "tabletalk.rowCount"
        public static let createdAt = "tabletalk.createdAt"
        public static let version = "tabletalk.version"
        /// Bucket key prefix (ending in `/`) of the table's data objects.
        public static let dataPrefix = "tabletalk.dataPrefix"
        /// ObjectStore key of the raw uploaded file.
        public static let rawObject = "tabletalk.rawObject"
        /// Column level.
        public static let label = "tabletalk.label"
        public static let nullCount = "tabletalk.nullCount"
        public static let distinctCount = "tabletalk.distinctCount"
        public static let examples = "tabletalk.examples"
        public static let distinctValues = "tabletalk.distinctValues"
        public static let notes = "tabletalk.notes"
        /// The type the column's data objects were written as (a re-type changes only how Athena reads them).
        public static let storedType = "tabletalk.storedType"
    }

    /// Where a table's data is and what else the catalog keeps about it besides ``TableInfo``.
    public struct Storage: Sendable, Hashable {
        /// `s3://bucket/key-prefix/`.
        public var location: String
        /// The same prefix as a bucket key (for deleting the objects).
        public var dataPrefix: String
        public var rawObjectKey: String?

        public init(location: String, dataPrefix: String, rawObjectKey: String?) {
            self.location = location
            self.dataPrefix = dataPrefix
            self.rawObjectKey = rawObjectKey
        }
    }

    /// The text format of the data objects: tab between fields, newline between records, `\` escaping a tab or
    /// itself inside a value, line breaks inside a value written `\n` / `\r` (Hive's `serialization.escape.crlf`),
    /// and `\N` for NULL.
    public static let serde = GlueWire.SerDeInfo(
        SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
        Parameters: [
            "field.delim": "\t", "serialization.format": "\t", "escape.delim": "\\", "serialization.escape.crlf": "true",
            "serialization.null.format": "\\N",
        ])

    /// Athena's type for a column type: `bigint`, `double`, `boolean`, `date`, `timestamp`, `string`.
    public static func athenaType(_ type: ColumnType) -> String {
        switch type {
        case .integer: return "bigint"
        case .real: return "double"
        case .boolean: return "boolean"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .text: return "string"
        }
    }

    /// The column type of an Athena/Hive type (types TableTalk does not write, such as `decimal(10,2)` or
    /// `varchar(20)`, map to the nearest one; anything unknown is text).
    public static func columnType(athena: String?) -> ColumnType {
        let t = (athena ?? "string").lowercased()
        let base = t.split(separator: "(").first.map(String.init) ?? t
        switch base {
        case "bigint", "int", "integer", "smallint", "tinyint": return .integer
        case "double", "float", "real", "decimal": return .real
        case "boolean": return .boolean
        case "date": return .date
        case "timestamp": return .timestamp
        default: return .text
        }
    }

    /// The Glue table input for `info` stored at `storage`.
    public static func tableInput(_ info: TableInfo, storage: Storage) -> GlueWire.TableInput {
        var parameters = [
            "EXTERNAL": "TRUE", "classification": "csv",
            Key.sourceFile: info.sourceFile, Key.rowCount: String(info.rowCount),
            Key.createdAt: timestamp(info.createdAt), Key.version: String(info.version), Key.dataPrefix: storage.dataPrefix,
        ]
        if let raw = storage.rawObjectKey { parameters[Key.rawObject] = raw }
        let descriptor = GlueWire.StorageDescriptor(
            Columns: info.columns.map(column), Location: storage.location,
            InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
            OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", Compressed: false, SerdeInfo: serde,
            Parameters: nil)
        return GlueWire.TableInput(
            Name: info.name, Description: "TableTalk table from \(String(info.sourceFile.prefix(200)))", TableType: "EXTERNAL_TABLE",
            StorageDescriptor: descriptor, Parameters: parameters)
    }

    static func column(_ c: ColumnInfo) -> GlueWire.Column {
        var p = [Key.label: c.label, Key.nullCount: String(c.nullCount)]
        if let d = c.distinctCount { p[Key.distinctCount] = String(d) }
        if !c.examples.isEmpty { p[Key.examples] = json(c.examples.map(clip)) }
        if let values = c.distinctValues {
            let text = json(values.map(clip))
            if text.utf8.count <= maxListBytes { p[Key.distinctValues] = text }
        }
        if !c.notes.isEmpty { p[Key.notes] = json(c.notes) }
        p[Key.storedType] = c.type.rawValue
        return GlueWire.Column(Name: c.name, Type: athenaType(c.type), Comment: String(c.label.prefix(255)), Parameters: p)
    }

    /// The ``TableInfo`` a Glue table describes (tables TableTalk did not make get what Glue knows: names and types).
    public static func tableInfo(_ table: GlueWire.Table) -> TableInfo { tableInfo(table.input) }

    /// The ``TableInfo`` of a table input.
    public static func tableInfo(_ table: GlueWire.TableInput) -> TableInfo {
        let p = table.Parameters ?? [:]
        let columns = (table.StorageDescriptor?.Columns ?? []).map { c -> ColumnInfo in
            let cp = c.Parameters ?? [:]
            return ColumnInfo(
                name: c.Name, label: cp[Key.label] ?? c.Name, type: columnType(athena: c.Type),
                nullCount: cp[Key.nullCount].flatMap { Int($0) } ?? 0, examples: list(cp[Key.examples]) ?? [],
                distinctValues: list(cp[Key.distinctValues]), distinctCount: cp[Key.distinctCount].flatMap { Int($0) },
                notes: list(cp[Key.notes]) ?? [])
        }
        return TableInfo(
            name: table.Name, sourceFile: p[Key.sourceFile] ?? table.Name, rowCount: p[Key.rowCount].flatMap { Int($0) } ?? 0,
            columns: columns, createdAt: p[Key.createdAt].flatMap(date) ?? Date(timeIntervalSince1970: 0),
            version: p[Key.version].flatMap { Int($0) } ?? 1)
    }

    /// The storage facts of a Glue table TableTalk made (nil data prefix for tables made elsewhere).
    public static func storage(_ table: GlueWire.Table) -> Storage {
        let p = table.Parameters ?? [:]
        return Storage(
            location: table.StorageDescriptor?.Location ?? "", dataPrefix: p[Key.dataPrefix] ?? "", rawObjectKey: p[Key.rawObject])
    }

    // MARK: - Helpers

    /// Glue allows 512 KB per parameter value; lists are kept well below.
    static let maxListBytes = 64 << 10

    static func clip(_ s: String) -> String { s.count > 200 ? String(s.prefix(200)) : s }

    static func json(_ list: [String]) -> String {
        (try? JSONEncoder().encode(list)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func list(_ text: String?) -> [String]? {
        guard let text else { return nil }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// Milliseconds since 1970 (``milliseconds(_:)`` dates round-trip exactly).
    static func timestamp(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    static func date(_ text: String) -> Date? {
        Int64(text).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// `date` at the precision the catalog keeps.
    public static func milliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
