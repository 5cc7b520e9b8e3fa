import Foundation

/// Keeps the distinct text values of a table version (the value index the translator links "West" or "Laptop Pro"
/// with), so they are read from the table once per table version and survive a restart; the embedded default keeps
/// them in the principal's `tables.sqlite`, next to the catalog.
public protocol ValueIndexStore: Sendable {
    /// Column → values stored for exactly this version of `table` (name, version and creation time), or nil.
    func storedValues(of table: TableInfo, for principal: Principal) async throws -> [String: [String]]?
    /// Replaces what is stored for `table` with the values of this version.
    func storeValues(_ values: [String: [String]], of table: TableInfo, for principal: Principal) async throws
}
