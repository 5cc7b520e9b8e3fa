public import TableTalkCore

extension AthenaEngine {
    /// Deletes the Glue table, then its data objects and raw file (a failure there leaves only unreferenced
    /// storage, so it does not fail the drop).
    public func dropTable(_ table: String, for principal: Principal) async throws {
        let glue = try await store.existingTable(table, for: principal)
        try await store.catalog.deleteTable(glue.Name, in: store.database(for: principal))
        let storage = GlueTableMapping.storage(glue)
        if !storage.dataPrefix.isEmpty { try? await store.data.deleteAll(prefix: storage.dataPrefix) }
        if let raw = storage.rawObjectKey, let objectStore { try? await objectStore.delete(key: raw) }
    }

    /// Glue cannot rename: a table of the new name (normalized like an upload's) is created over the same data,
    /// then the old one is deleted (and the new one removed again if that fails). `tableExists` when taken.
    public func renameTable(_ table: String, to newName: String, for principal: Principal) async throws -> TableInfo {
        let database = store.database(for: principal)
        let glue = try await store.existingTable(table, for: principal)
        let target = GlueNames.table(newName)
        var info = GlueTableMapping.tableInfo(glue)
        if glue.Name == target { return info }
        if try await store.catalog.table(target, in: database) != nil {
            throw TableTalkError(.tableExists, "a table named \(target) already exists", details: ["table": target])
        }
        info.name = target
        info.version += 1
        var input = glue.input
        input.Name = target
        input.Parameters = (input.Parameters ?? [:]).merging([GlueTableMapping.Key.version: String(info.version)]) { _, new in new }
        try await store.catalog.createTable(input, in: database)
        do {
            try await store.catalog.deleteTable(glue.Name, in: database)
        } catch {
            try? await store.catalog.deleteTable(target, in: database)
            throw error
        }
        return info
    }
}
