public import TableTalkCore

/// The engine keeps each table version's value index next to its catalog (see ``ValueIndexTable``), so a restart
/// does not read every text column again.
extension SQLiteEngine: ValueIndexStore {
    public func storedValues(of table: TableInfo, for principal: Principal) async throws -> [String: [String]]? {
        guard database.exists(for: principal) else { return nil }
        let database = database
        return try await BlockingExecutor.run {
            try ValueIndexTable.values(of: table, on: try database.openReader(for: principal))
        }
    }

    public func storeValues(_ values: [String: [String]], of table: TableInfo, for principal: Principal) async throws {
        guard database.exists(for: principal) else { return }
        let database = database
        try await BlockingExecutor.run {
            let w = try database.openWriter(for: principal)
            try w.transaction {
                // only for the version the catalog still has: a table replaced meanwhile is read again later
                guard let current = try Catalog.entry(named: table.name, on: w)?.info, current.version == table.version,
                    current.createdAt == table.createdAt
                else { return }
                try ValueIndexTable.store(values, of: table, on: w)
            }
        }
    }
}
