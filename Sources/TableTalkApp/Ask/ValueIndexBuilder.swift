import Foundation
import Synchronization
import TableTalkCore
import TableTalkRules

/// Builds the ``ValueIndex`` the translator links data values with: the catalog's distinct values where it has
/// them, and `SELECT DISTINCT` (bounded per column) of the other text columns, so names in big tables are found
/// too ("over 50,000 rows" used to mean samples only).
///
/// A table's values are read once per table version (principal, name, version and creation time), stored next to
/// its catalog when the engine is a ``ValueIndexStore`` (so a restart does not read them again) and kept in memory
/// for later questions, never read per question; and the reading is bounded, so one wide or huge table cannot make a
/// question slow or big: at most ``maxScannedColumns`` columns are scanned, within ``timeBudget`` per table, each
/// scan returns at most ``maxValuesPerColumn`` values of at most ``maxValueLength`` characters, and the table
/// keeps at most ``maxValuesPerTable`` values and ``maxBytesPerTable`` bytes (all tables: 128 MB); columns beyond a bound fall back to the catalog's examples.
struct ValueIndexBuilder: Sendable {
    let engine: any SQLEngine
    let principal: Principal
    /// Tables with more rows are indexed from catalog samples only (one `SELECT DISTINCT` per text column would
    /// take seconds there).
    var maxRows = 2_000_000
    /// At most this many distinct values per column.
    var maxValuesPerColumn = 5_000
    /// Text columns read with `SELECT DISTINCT` per table (a 2,000-column table is not scanned 2,000 times).
    var maxScannedColumns = 64
    /// Values kept per table, over all its columns.
    var maxValuesPerTable = 100_000
    /// Bytes of scanned values kept per table; once reached, further columns use the catalog's examples.
    var maxBytesPerTable = 8 << 20
    /// Longer values are not indexed (questions name short values; long ones would only cost memory).
    var maxValueLength = 200
    /// Wall-clock budget of the scans of one table; columns left when it runs out use the catalog's examples.
    var timeBudget: Duration = .seconds(2)
    /// Whether text columns may be read with `SELECT DISTINCT`. Off where a scan costs money and seconds (Athena):
    /// there the values gathered at ingest (the catalog's distinct values and examples) are the index.
    var scansTables = true
    /// Wall-clock budget of one build over all tables: a table not reached in it is indexed from the catalog for
    /// this question and read by a later one (it is not kept), so many new tables fill in over a few questions.
    var totalBudget: Duration = .seconds(3)

    func build(for tables: [TableInfo]) async throws -> ValueIndex {
        var values: [String: [String: [String]]] = [:]
        let end = ContinuousClock.now + totalBudget
        let store = engine as? any ValueIndexStore
        for t in tables {
            let key = ValueIndexCacheKey(principal: principal.id, table: t.name, version: t.version, createdAt: t.createdAt)
            if let cached = Self.cache.withLock({ $0[key] }) {
                values[t.name] = cached
                continue
            }
            if let stored = try? await store?.storedValues(of: t, for: principal) {
                values[t.name] = stored
                Self.cache.withLock { $0.put(key, stored) }
                continue
            }
            let tableEnd = min(end, ContinuousClock.now + timeBudget)
            let (columns, complete) = try await read(t, until: tableEnd, cutShort: tableEnd == end)
            values[t.name] = columns
            if complete {
                Self.cache.withLock { $0.put(key, columns) }
                try? await store?.storeValues(columns, of: t, for: principal)
            }
        }
        return ValueIndex(values: values)
    }

    /// The values of `t`'s text columns, within the bounds; `complete` is false when the build's total budget (not
    /// the table's own bounds) cut the reading short.
    private func read(_ t: TableInfo, until deadline: ContinuousClock.Instant, cutShort: Bool) async throws -> (
        columns: [String: [String]], complete: Bool
    ) {
        var columns: [String: [String]] = [:]
        var complete = true
        var scanned = 0
        var kept = 0
        var keptBytes = 0
        for c in t.columns where c.type == .text {
            if let d = c.distinctValues {
                columns[c.name] = d
                kept += d.count
                continue
            }
            let left = deadline - ContinuousClock.now
            let withinBounds = scanned < maxScannedColumns && kept < maxValuesPerTable && keptBytes < maxBytesPerTable
            guard scansTables, t.rowCount <= maxRows, withinBounds, left > .zero else {
                if scansTables, t.rowCount <= maxRows, withinBounds, cutShort { complete = false }
                columns[c.name] = c.examples
                continue
            }
            scanned += 1
            let cap = min(maxValuesPerColumn, maxValuesPerTable - kept)
            let q = "\"" + c.name.replacing("\"", with: "\"\"") + "\""
            let sql =
                "SELECT DISTINCT \(q) FROM \"\(t.name.replacing("\"", with: "\"\""))\" WHERE \(q) IS NOT NULL"
                + " AND length(\(q)) <= \(maxValueLength) LIMIT \(cap)"
            do {
                let result = try await engine.run(
                    sql, for: principal, options: QueryOptions(maxRows: cap, timeout: left), cancellation: nil)
                let found = result.rows.compactMap { $0.first?.textValue }
                columns[c.name] = found
                kept += found.count
                keptBytes += found.reduce(0) { $0 + $1.utf8.count }
            } catch let e as TableTalkError where e.kind == .queryTimeout {
                columns[c.name] = c.examples  // the budget ran out during this scan
                if cutShort { complete = false }
            }
        }
        return (columns, complete)
    }

    /// The values of the table versions read so far, in this process (a replaced or re-typed table has another
    /// version and is read again).
    private static let cache = Mutex(ValueIndexCache())
}

/// The tables' values kept between questions, bounded in bytes: the oldest tables go first.
private struct ValueIndexCache: Sendable {
    /// Most bytes of values kept over all tables.
    static let maxBytes = 128 << 20
    private var entries: [ValueIndexCacheKey: (columns: [String: [String]], bytes: Int)] = [:]
    private var order: [ValueIndexCacheKey] = []
    private var bytes = 0

    subscript(key: ValueIndexCacheKey) -> [String: [String]]? { entries[key]?.columns }

    mutating func put(_ key: ValueIndexCacheKey, _ columns: [String: [String]]) {
        let size = columns.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 16 } }
        if let old = entries.removeValue(forKey: key) {
            bytes -= old.bytes
            order.removeAll { $0 == key }
        }
        while bytes + size > Self.maxBytes, !order.isEmpty {
            let oldest = order.removeFirst()
            bytes -= entries.removeValue(forKey: oldest)?.bytes ?? 0
        }
        entries[key] = (columns, size)
        order.append(key)
        bytes += size
    }
}

/// One table version of one principal.
private struct ValueIndexCacheKey: Hashable, Sendable {
    var principal: String
    var table: String
    var version: Int
    var createdAt: Date
}
