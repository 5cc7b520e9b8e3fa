import Foundation
public import TableTalkCore

extension AthenaEngine {
    /// How many failing values a `typeConversion` refusal shows (as on SQLite).
    static let sampleLimit = 5

    /// Re-types a column by changing its type in Glue (UpdateTable, refused if the table changed meanwhile).
    /// The data objects are never rewritten: Athena reads the stored text as the new type, and a value that does
    /// not read as it shows as NULL — so the port's promise holds on Athena too: changing the column back to the
    /// type it was stored as restores every value.
    ///
    /// What is and is not guaranteed: changes that cannot lose values (to TEXT, INTEGER to REAL, back to the
    /// stored type) are applied at once. Any other change is checked first by a query on Athena (a scan of the
    /// column, billed like any query) counting the values that `try_cast` cannot convert; when there are some it
    /// is refused with `typeConversion` (`failing`, `samples`) unless `confirmLossy`. Trino's cast rules stand in
    /// for the text reader's: they agree on numbers, ISO dates and timestamps and `true`/`false`, but a few forms
    /// (`t`, `1` as BOOLEAN) cast yet read as NULL, so the count is a lower bound. Unlike SQLite, a column shown as
    /// TEXT holds the normalized values (`1234.5`, `true`), not the file's spelling (`1.234,5`, `yes`), and a
    /// confirmed lossy change does not recount nulls (the column's note says so).
    public func alterColumn(table: String, column: String, to type: ColumnType, confirmLossy: Bool, for principal: Principal)
        async throws -> TableInfo
    {
        let database = store.database(for: principal)
        let glue = try await store.existingTable(table, for: principal)
        var input = glue.input
        var columns = input.StorageDescriptor?.Columns ?? []
        guard let index = columns.firstIndex(where: { $0.Name.lowercased() == column.lowercased() }) else {
            throw TableTalkError(.columnNotFound, "no column named \(column) in \(glue.Name)", details: ["column": column])
        }
        let current = GlueTableMapping.columnType(athena: columns[index].Type)
        if current == type { return GlueTableMapping.tableInfo(glue) }
        var parameters = columns[index].Parameters ?? [:]
        let stored = parameters[GlueTableMapping.Key.storedType].flatMap(ColumnType.init(rawValue:)) ?? current
        var notes = [type == stored ? "changed back to \(type.rawValue): the stored values are read as they were written"
            : "re-typed from \(current.rawValue) to \(type.rawValue)"]
        if !Self.isLossless(from: current, to: type, stored: stored) {
            let (failing, samples) = try await countFailing(
                column: columns[index].Name, table: glue.Name, to: type, principal: principal)
            if failing > 0 && !confirmLossy {
                let list = GlueTableMapping.json(samples)
                throw TableTalkError(
                    .typeConversion,
                    "\(failing) value(s) of \(columns[index].Name) cannot be converted to \(type.rawValue) and would become "
                        + "NULL; send confirm: true to change the type anyway (changing it back restores them)",
                    details: [
                        "table": glue.Name, "column": columns[index].Name, "type": type.rawValue, "failing": String(failing),
                        "samples": list,
                    ])
            }
            if failing > 0 {
                notes.append(
                    "\(failing) value(s) could not be converted to \(type.rawValue) and read as NULL (not counted in nullCount); "
                        + "changing the column back to \(stored.rawValue) restores them")
            }
        }
        parameters[GlueTableMapping.Key.storedType] = stored.rawValue
        parameters[GlueTableMapping.Key.notes] = GlueTableMapping.json(notes)
        columns[index].Parameters = parameters
        columns[index].Type = GlueTableMapping.athenaType(type)
        input.StorageDescriptor?.Columns = columns
        var info = GlueTableMapping.tableInfo(input)
        info.version += 1
        input.Parameters = (input.Parameters ?? [:]).merging([GlueTableMapping.Key.version: String(info.version)]) { _, new in new }
        try await store.catalog.updateTable(input, in: database, versionId: glue.VersionId)
        return info
    }

    /// True when no value can turn into NULL: to TEXT, INTEGER to REAL, or back to the type the data was written as.
    static func isLossless(from: ColumnType, to: ColumnType, stored: ColumnType) -> Bool {
        to == .text || to == stored || (from == .integer && to == .real)
    }

    /// The SQL that counts the non-null values of `column` that do not convert to `type`, with a few of them.
    public static func lossCheckSQL(column: String, table: String, to type: ColumnType) -> String {
        let c = quote(column)
        let athena = GlueTableMapping.athenaType(type)
        return "SELECT CAST(\(c) AS varchar) AS value, count(*) OVER () AS failing FROM \(quote(table)) "
            + "WHERE \(c) IS NOT NULL AND try_cast(CAST(\(c) AS varchar) AS \(athena)) IS NULL LIMIT \(sampleLimit)"
    }

    /// Runs ``lossCheckSQL(column:table:to:)`` on Athena: the failing count and up to ``sampleLimit`` values.
    func countFailing(column: String, table: String, to type: ColumnType, principal: Principal) async throws
        -> (failing: Int, samples: [String])
    {
        let result = try await run(
            Self.lossCheckSQL(column: column, table: table, to: type), for: principal,
            options: QueryOptions(maxRows: Self.sampleLimit, timeout: .seconds(120)), cancellation: nil)
        var failing = 0
        var samples: [String] = []
        for row in result.rows where row.count >= 2 {
            if let value = row[0].textValue { samples.append(value) }
            switch row[1] {
            case .integer(let n): failing = max(failing, Int(n))
            case .text(let t): failing = max(failing, Int(t) ?? 0)
            case .real(let d): failing = max(failing, Int(d))
            case .null: break
            }
        }
        return (failing, samples)
    }

    /// A Trino identifier in double quotes.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
