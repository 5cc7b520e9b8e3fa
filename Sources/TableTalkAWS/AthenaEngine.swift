public import TableTalkCore

/// The ``SQLEngine`` of the AWS deployment: the catalog is the principal's Glue database (``GlueTableStore``),
/// queries run on Athena through ``AthenaQueryRunner`` (guard, workgroup, polling, paging, cancel, time limit).
/// Tables are made by ``GlueIngestor``; this engine reads, renames, re-types and drops them.
///
/// ```swift
/// let store = GlueTableStore(client: aws, bucket: "tabletalk-data", prefix: "prod")
/// let runner = AthenaQueryRunner(client: aws, configuration: AthenaQueryConfiguration(workgroup: "tabletalk", resultsPrefix: "s3://tabletalk-data/prod/results"))
/// let engine = AthenaEngine(store: store, runner: runner, objectStore: rawFiles)
/// ```
public struct AthenaEngine: SQLEngine {
    public let store: GlueTableStore
    public let runner: AthenaQueryRunner
    /// Where the ingestor kept raw files (deleted with their table); nil when none are kept.
    public let objectStore: (any ObjectStore)?

    public init(store: GlueTableStore, runner: AthenaQueryRunner, objectStore: (any ObjectStore)? = nil) {
        self.store = store
        self.runner = runner
        self.objectStore = objectStore
    }

    /// The principal's tables by name (none before the first upload: the database does not exist yet).
    public func tables(for principal: Principal) async throws -> [TableInfo] {
        try await store.catalog.tables(in: store.database(for: principal)).map(GlueTableMapping.tableInfo)
            .sorted { $0.name < $1.name }
    }

    public func describe(table: String, for principal: Principal) async throws -> TableInfo {
        GlueTableMapping.tableInfo(try await store.existingTable(table, for: principal))
    }

    /// Runs `sql` on Athena in the principal's database (the runner's guard admits one read-only SELECT over
    /// that database only).
    public func run(_ sql: String, for principal: Principal, options: QueryOptions, cancellation: CancellationFlag?)
        async throws -> QueryResult
    {
        try await runner.run(
            sql: sql, database: store.database(for: principal), principal: principal, options: options,
            cancellation: cancellation)
    }
}
