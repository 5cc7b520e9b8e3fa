public import TableTalkCore

/// The engine keeps the principal's names for columns next to its catalog (see ``ColumnAliasTable``); a re-uploaded
/// table keeps the names of the columns it still has.
extension SQLiteEngine: ColumnAliasStore {
    public func columnAliases(for principal: Principal) async throws -> [String: [String: [String]]] {
        guard database.exists(for: principal) else { return [:] }
        let database = database
        return try await BlockingExecutor.run {
            let c = try database.openReader(for: principal)
            return ColumnAliasTable.current(try ColumnAliasTable.all(on: c), tables: try Catalog.all(on: c).map(\.info))
        }
    }

    public func setColumnAliases(_ names: [String], table: String, column: String, for principal: Principal) async throws
        -> [String: [String]]
    {
        guard database.exists(for: principal) else { throw Self.notFound(table) }
        let database = database
        return try await BlockingExecutor.run {
            let w = try database.openWriter(for: principal)
            return try w.transaction {
                guard let info = try Catalog.entry(named: table, on: w)?.info else { throw Self.notFound(table) }
                let col = try ColumnAliasRules.column(column, in: info)
                let existing = ColumnAliasTable.current(try ColumnAliasTable.all(on: w), tables: [info])[info.name] ?? [:]
                let cleaned = try ColumnAliasRules.validate(names, column: col, of: info, existing: existing)
                try ColumnAliasTable.set(cleaned, table: info.name, column: col.name, on: w)
                var updated = existing
                updated[col.name] = cleaned.isEmpty ? nil : cleaned
                return updated
            }
        }
    }
}
