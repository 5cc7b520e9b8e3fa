public import TableTalkCore

/// Where and how Athena runs TableTalk's queries: the workgroup (which holds the bytes-scanned cutoff), the S3
/// prefix results are written under (one folder per principal below it), their encryption, and the polling and
/// paging pace. A workgroup that enforces its own configuration overrides the result location and encryption.
public struct AthenaQueryConfiguration: Sendable, Hashable {
    public var workgroup: String
    /// `s3://bucket/results`: results of a principal's queries go to `<resultsPrefix>/<principal>/`.
    public var resultsPrefix: String
    public var encryption: AthenaResultEncryption
    /// The Glue catalog as Athena names it.
    public var catalog: String
    public var polling: AthenaPolling
    /// Rows asked for per `GetQueryResults` call (Athena allows at most 1000).
    public var pageSize: Int
    /// How long a finished query's results serve later pages of the same SQL (see ``AthenaResultCursors``).
    public var cursorLifetime: Duration

    public init(
        workgroup: String, resultsPrefix: String, encryption: AthenaResultEncryption = .sseS3,
        catalog: String = "AwsDataCatalog", polling: AthenaPolling = AthenaPolling(), pageSize: Int = 1000,
        cursorLifetime: Duration = .seconds(600)
    ) {
        self.workgroup = workgroup
        self.resultsPrefix = resultsPrefix
        self.encryption = encryption
        self.catalog = catalog
        self.polling = polling
        self.pageSize = min(max(pageSize, 1), 1000)
        self.cursorLifetime = cursorLifetime
    }

    /// `s3://…/results/<principal>/`.
    public func outputLocation(for principal: Principal) -> String {
        var base = resultsPrefix
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + principal.directoryName + "/"
    }
}
