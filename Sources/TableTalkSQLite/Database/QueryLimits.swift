import CSQLite

/// What one user query may cost in memory: the largest value SQLite builds (`SQLITE_LIMIT_LENGTH`: a
/// `printf('%.*c', 2000000000, 'x')` or `zeroblob(1e9)` fails at once instead of allocating gigabytes), the bytes
/// of one reply (more rows are left for the next page, `truncated: true`), the state of `mode()`, and SQLite's
/// process-wide heap limits (soft: caches shrink; hard: an allocation beyond it fails with "out of memory").
public struct QueryLimits: Sendable, Hashable {
    /// Largest string or blob a query may build, in bytes.
    public var maxValueBytes: Int
    /// Largest reply, counted as the bytes of its cells (blobs as their hex text); 0 means no cap.
    public var maxResultBytes: Int
    /// Most bytes of distinct values `mode()` keeps for one group.
    public var maxAggregateBytes: Int
    /// SQLite's hard heap limit for the whole process, in bytes; 0 leaves SQLite unlimited.
    public var hardHeapLimitBytes: Int64
    /// SQLite's soft heap limit (caches are released above it), in bytes; 0 leaves it unset.
    public var softHeapLimitBytes: Int64

    public init(
        maxValueBytes: Int = 64 << 20, maxResultBytes: Int = 32 << 20, maxAggregateBytes: Int = 64 << 20,
        hardHeapLimitBytes: Int64 = 1 << 30, softHeapLimitBytes: Int64 = 512 << 20
    ) {
        self.maxValueBytes = maxValueBytes
        self.maxResultBytes = maxResultBytes
        self.maxAggregateBytes = maxAggregateBytes
        self.hardHeapLimitBytes = hardHeapLimitBytes
        self.softHeapLimitBytes = softHeapLimitBytes
    }

    /// Sets SQLite's process-wide heap limits (the last engine created decides; they are process settings).
    func applyHeapLimits() {
        if hardHeapLimitBytes > 0 { _ = sqlite3_hard_heap_limit64(hardHeapLimitBytes) }
        if softHeapLimitBytes > 0 { _ = sqlite3_soft_heap_limit64(softHeapLimitBytes) }
    }
}
