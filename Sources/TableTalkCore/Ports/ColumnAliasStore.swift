/// Keeps the other names a principal gives columns ("revenue" and "sales" for `amount`), per table. Translators
/// read them as names of the column (``TranslationContext/columnAliases``); the embedded default keeps them in the
/// principal's `tables.sqlite`, next to the catalog.
public protocol ColumnAliasStore: Sendable {
    /// Table → column → names, for the principal's existing tables and columns (canonical names as keys).
    func columnAliases(for principal: Principal) async throws -> [String: [String: [String]]]
    /// Replaces the names of one column (an empty list clears them), checked by ``ColumnAliasRules``; returns the
    /// table's names after the change (column → names). `tableNotFound`, `columnNotFound`, `columnNameRejected`.
    func setColumnAliases(_ names: [String], table: String, column: String, for principal: Principal) async throws
        -> [String: [String]]
}

extension ColumnAliasStore {
    /// Adds one name to a column, keeping the ones it has.
    public func addColumnAlias(_ name: String, table: String, column: String, for principal: Principal) async throws
        -> [String: [String]]
    {
        let current = try await columnAliases(for: principal)
        let existing = current.first { $0.key.lowercased() == table.lowercased() }?.value ?? [:]
        let own = existing.first { $0.key.lowercased() == column.lowercased() }?.value ?? []
        return try await setColumnAliases(own + [name], table: table, column: column, for: principal)
    }

    /// One table's names (column → names); empty when it has none.
    public func columnAliases(of table: String, for principal: Principal) async throws -> [String: [String]] {
        try await columnAliases(for: principal).first { $0.key.lowercased() == table.lowercased() }?.value ?? [:]
    }
}
