public import TableTalkCSV

/// Settings of the SQLite adapter, with defaults that suit a laptop and a small server alike.
public struct SQLiteConfiguration: Sendable, Hashable {
    /// What happens to the uploaded file after a successful ingest.
    public enum RawFilePolicy: String, Sendable, Hashable {
        /// Copy it into the object store (the caller's file is untouched; right for `tabletalk import`).
        case copy
        /// Move it into the object store (right for finished uploads, which are temporary files anyway).
        case move
        /// Keep nothing (benchmarks).
        case none
    }

    public var limits: CSVLimits
    public var rawFiles: RawFilePolicy
    /// SQLite page cache per connection during a load, in KiB.
    public var loadCacheKiB: Int
    /// Results kept by the query cache (0 disables it).
    public var resultCacheEntries: Int
    /// Results with more cells than this are not cached.
    public var resultCacheMaxCells: Int
    /// How long a writer waits for another writer of the same principal, in milliseconds.
    public var busyTimeoutMs: Int
    /// Cost bounds of one user query (value size, reply size, aggregate state) and SQLite's heap limit.
    public var queryLimits: QueryLimits

    public init(
        limits: CSVLimits = CSVLimits(), rawFiles: RawFilePolicy = .copy, loadCacheKiB: Int = 64 << 10,
        resultCacheEntries: Int = 64, resultCacheMaxCells: Int = 200_000, busyTimeoutMs: Int = 120_000,
        queryLimits: QueryLimits = QueryLimits()
    ) {
        self.limits = limits
        self.rawFiles = rawFiles
        self.loadCacheKiB = loadCacheKiB
        self.resultCacheEntries = resultCacheEntries
        self.resultCacheMaxCells = resultCacheMaxCells
        self.busyTimeoutMs = busyTimeoutMs
        self.queryLimits = queryLimits
    }
}
