/// What a name given to a column must be: 1…``maxLength`` characters after trimming (inner spaces collapsed), at
/// most ``maxPerColumn`` per column, and not a name of another column of the table (its SQL name, its header or
/// one of its other names), so a word always means one column. Names equal to the column's own name or header,
/// and repeats, are dropped.
public enum ColumnAliasRules {
    public static let maxLength = 60
    public static let maxPerColumn = 20

    /// The column of `table` that `name` designates: exact SQL name first, then ignoring case.
    public static func column(_ name: String, in table: TableInfo) throws -> ColumnInfo {
        if let c = table.column(named: name) ?? table.columns.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return c
        }
        throw TableTalkError(
            .columnNotFound, "\(table.name) has no column named \(name)", details: ["table": table.name, "column": name])
    }

    /// The cleaned names for `column` (order kept); `existing` is the table's current names (column → names).
    /// Throws `columnNameRejected` with `data.reason` `empty`, `tooLong`, `tooMany` or `taken` (and `data.takenBy`).
    public static func validate(_ names: [String], column: ColumnInfo, of table: TableInfo, existing: [String: [String]])
        throws -> [String]
    {
        let ownKeys: Set<String> = [key(column.name), key(column.label)]
        var seen: Set<String> = []
        var out: [String] = []
        for raw in names {
            let name = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !name.isEmpty else { throw rejected("A name for \(column.name) is empty.", reason: "empty", name: raw) }
            guard name.count <= maxLength else {
                throw rejected(
                    "“\(name.prefix(20))…” is \(name.count) characters; a column's name may have at most \(maxLength).",
                    reason: "tooLong", name: name)
            }
            let k = key(name)
            guard !ownKeys.contains(k), seen.insert(k).inserted else { continue }
            if let other = owner(of: k, in: table, existing: existing, except: column.name) {
                throw rejected(
                    "“\(name)” already names the column \(other) of \(table.name); one word can mean only one column.",
                    reason: "taken", name: name, extra: ["takenBy": other])
            }
            out.append(name)
        }
        guard out.count <= maxPerColumn else {
            throw rejected(
                "\(column.name) would have \(out.count) other names; the limit is \(maxPerColumn).", reason: "tooMany",
                name: column.name)
        }
        return out
    }

    /// Comparison form of a name: lower case, underscores as spaces, spaces collapsed.
    public static func key(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" }).joined(separator: " ")
    }

    /// The other column already called `key` (by SQL name, header or given name), if any.
    private static func owner(of key: String, in table: TableInfo, existing: [String: [String]], except: String) -> String? {
        for c in table.columns where c.name != except {
            if Self.key(c.name) == key || Self.key(c.label) == key { return c.name }
            if (existing[c.name] ?? []).contains(where: { Self.key($0) == key }) { return c.name }
        }
        return nil
    }

    private static func rejected(_ message: String, reason: String, name: String, extra: [String: String] = [:])
        -> TableTalkError
    {
        TableTalkError(
            .columnNameRejected, message, details: ["reason": reason, "name": name].merging(extra) { a, _ in a })
    }
}
