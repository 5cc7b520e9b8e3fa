public import TableTalkCore

extension SQLiteEngine {
    /// Drops the table and its catalog entry in one transaction, then deletes its raw file.
    public func dropTable(_ table: String, for principal: Principal) async throws {
        guard database.exists(for: principal) else { throw Self.notFound(table) }
        let database = database
        let key = try await BlockingExecutor.run { () -> String? in
            let w = try database.openWriter(for: principal)
            return try w.transaction {
                guard let e = try Catalog.entry(named: table, on: w) else { throw Self.notFound(table) }
                try w.execute("DROP TABLE IF EXISTS \(quoteIdentifier(e.info.name))")
                try Catalog.delete(e.info.name, on: w)
                try ColumnAliasTable.forget(table: e.info.name, on: w)
                try OriginalValues.forget(table: e.info.name, on: w)
                try ValueIndexTable.forget(table: e.info.name, on: w)
                try Catalog.bumpGeneration(on: w)
                return e.objectKey
            }
        }
        cache.invalidate(principal: principal.id)
        if let key, let store = objectStore { try await store.delete(key: key) }
    }

    /// Renames a table (the new name is normalized like an upload's); `tableExists` when taken.
    public func renameTable(_ table: String, to newName: String, for principal: Principal) async throws -> TableInfo {
        guard database.exists(for: principal) else { throw Self.notFound(table) }
        let target = TableNames.normalize(newName)
        let database = database
        let info = try await BlockingExecutor.run { () -> TableInfo in
            let w = try database.openWriter(for: principal)
            return try w.transaction {
                guard var e = try Catalog.entry(named: table, on: w) else { throw Self.notFound(table) }
                if e.info.name == target { return e.info }  // already so named: nothing to change
                if let other = try Catalog.entry(named: target, on: w), other.info.name != e.info.name {
                    throw TableTalkError(.tableExists, "a table named \(target) already exists", details: ["table": target])
                }
                try w.execute(
                    "ALTER TABLE \(quoteIdentifier(e.info.name)) RENAME TO \(quoteIdentifier(target))")
                try Catalog.delete(e.info.name, on: w)
                try ColumnAliasTable.move(table: e.info.name, to: target, on: w)
                try OriginalValues.move(table: e.info.name, to: target, on: w)
                try ValueIndexTable.forget(table: e.info.name, on: w)
                e.info.name = target
                e.info.version += 1
                try Catalog.upsert(e, on: w)
                try Catalog.bumpGeneration(on: w)
                return e.info
            }
        }
        cache.invalidate(principal: principal.id)
        return info
    }
}
