import Synchronization
import TableTalkCore

/// A small LRU cache of query results, keyed by principal, SQL, paging options and the catalog generation
/// (bumped by every ingest, drop, rename and re-type), so any table change makes old entries unreachable;
/// ``invalidate(principal:)`` also frees them at once. Bounded in bytes too: a result larger than
/// ``maxEntryBytes`` is not kept, and the oldest entries go once all together exceed ``maxTotalBytes``.
final class ResultCache: Sendable {
    /// Largest result kept (its cells' bytes).
    static let maxEntryBytes = 1 << 20
    /// Most bytes kept over all entries.
    static let maxTotalBytes = 32 << 20

    struct Key: Hashable {
        var principal: String
        var sql: String
        var maxRows: Int
        var offset: Int
        var generation: Int64
    }

    private struct State {
        var entries: [Key: (result: QueryResult, tick: UInt64, bytes: Int)] = [:]
        var tick: UInt64 = 0
        var bytes = 0
    }

    private let capacity: Int
    private let maxCells: Int
    private let state = Mutex(State())

    init(capacity: Int, maxCells: Int) {
        self.capacity = capacity
        self.maxCells = maxCells
    }

    func get(_ key: Key) -> QueryResult? {
        guard capacity > 0 else { return nil }
        return state.withLock { s in
            guard let hit = s.entries[key] else { return nil }
            s.tick += 1
            s.entries[key] = (hit.result, s.tick, hit.bytes)
            return hit.result
        }
    }

    func put(_ key: Key, _ result: QueryResult) {
        guard capacity > 0, result.rows.count * max(result.columns.count, 1) <= maxCells else { return }
        let size = Self.bytes(of: result)
        guard size <= Self.maxEntryBytes else { return }
        state.withLock { s in
            s.tick += 1
            if let old = s.entries.updateValue((result, s.tick, size), forKey: key) { s.bytes -= old.bytes }
            s.bytes += size
            while s.entries.count > capacity || s.bytes > Self.maxTotalBytes,
                let oldest = s.entries.min(by: { $0.value.tick < $1.value.tick })?.key
            {
                s.bytes -= s.entries.removeValue(forKey: oldest)?.bytes ?? 0
            }
        }
    }

    /// The bytes of a result's cells (text as UTF-8, anything else 8).
    static func bytes(of result: QueryResult) -> Int {
        var total = 0
        for row in result.rows {
            for cell in row {
                if case .text(let t) = cell { total += t.utf8.count + 16 } else { total += 16 }
            }
        }
        return total
    }

    func invalidate(principal: String) {
        state.withLock { s in
            s.entries = s.entries.filter { $0.key.principal != principal }
            s.bytes = s.entries.values.reduce(0) { $0 + $1.bytes }
        }
    }
}
