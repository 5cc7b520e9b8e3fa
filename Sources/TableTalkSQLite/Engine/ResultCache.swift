import Synchronization
import TableTalkCore

/// A small LRU cache of query results, keyed by principal, SQL, paging options and the catalog generation
/// (bumped by every ingest, drop, rename and re-type), so any table change makes old entries unreachable;
/// ``invalidate(principal:)`` also frees them at once.
final class ResultCache: Sendable {
    struct Key: Hashable {
        var principal: String
        var sql: String
        var maxRows: Int
        var offset: Int
        var generation: Int64
    }

    private struct State {
        var entries: [Key: (result: QueryResult, tick: UInt64)] = [:]
        var tick: UInt64 = 0
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
            s.entries[key] = (hit.result, s.tick)
            return hit.result
        }
    }

    func put(_ key: Key, _ result: QueryResult) {
        guard capacity > 0, result.rows.count * max(result.columns.count, 1) <= maxCells else { return }
        state.withLock { s in
            s.tick += 1
            s.entries[key] = (result, s.tick)
            if s.entries.count > capacity, let oldest = s.entries.min(by: { $0.value.tick < $1.value.tick })?.key {
                s.entries[oldest] = nil
            }
        }
    }

    func invalidate(principal: String) {
        state.withLock { s in s.entries = s.entries.filter { $0.key.principal != principal } }
    }
}
