public import TableTalkCore

extension SQLiteEngine {
    /// Re-types a column by rebuilding it from its original values (see ``ColumnRetyper``): a lossy change is
    /// refused with `typeConversion` unless `confirmLossy`, and changing the column back restores its values.
    public func alterColumn(
        table: String, column: String, to type: ColumnType, confirmLossy: Bool, for principal: Principal
    ) async throws -> TableInfo {
        guard database.exists(for: principal) else { throw Self.notFound(table) }
        let database = database
        let info = try await BlockingExecutor.run { () -> TableInfo in
            let w = try database.openWriter(for: principal)
            return try w.transaction {
                guard let e = try Catalog.entry(named: table, on: w) else { throw Self.notFound(table) }
                var retyper = ColumnRetyper(connection: w, entry: e)
                let updated = try retyper.retype(column: column, to: type, confirmLossy: confirmLossy)
                guard updated != e else { return e.info }
                try Catalog.upsert(updated, on: w)
                try Catalog.bumpGeneration(on: w)
                return updated.info
            }
        }
        cache.invalidate(principal: principal.id)
        return info
    }
}
