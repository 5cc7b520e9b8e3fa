public import TableTalkCore

/// Where TableTalk's tables live on AWS, shared by ``GlueIngestor`` and ``AthenaEngine``: one Glue database per
/// principal (``database(for:)``: `<databasePrefix><principal id>`, created on first use) and each table's data
/// under `<prefix>/tables/<principal>/<table>/v<version>-<id>/` in the bucket, encrypted at rest.
///
/// ```swift
/// let store = GlueTableStore(client: aws, bucket: "tabletalk-data", prefix: "prod", databasePrefix: "tabletalk_")
/// ```
public struct GlueTableStore: Sendable {
    public let catalog: GlueCatalog
    public let data: S3TableData
    /// Key prefix inside the bucket, without slashes at either end ("" for none).
    public let prefix: String
    public let databasePrefix: String

    public init(
        client: AWSClient, bucket: String, prefix: String = "", databasePrefix: String = "tabletalk_",
        encryption: S3Encryption = .s3, catalogId: String? = nil
    ) {
        catalog = GlueCatalog(client: client, catalogId: catalogId)
        data = S3TableData(client: client, bucket: bucket, encryption: encryption)
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
        self.databasePrefix = GlueNames.ascii(databasePrefix)
    }

    /// The principal's Glue database name.
    public func database(for principal: Principal) -> String {
        GlueNames.database(for: principal, prefix: databasePrefix)
    }

    /// The bucket key prefix (ending in `/`) of one version of a table's data; `id` keeps two ingests of the
    /// same version apart.
    public func dataPrefix(_ principal: Principal, table: String, version: Int, id: String) -> String {
        (prefix.isEmpty ? "" : prefix + "/") + "tables/" + S3ObjectStore.principalDirectory(principal) + "/" + table
            + "/v\(version)-\(id)/"
    }

    /// The principal's table, or nil.
    public func table(_ name: String, for principal: Principal) async throws -> GlueWire.Table? {
        try await catalog.table(name.lowercased(), in: database(for: principal))
    }

    /// The principal's table; `tableNotFound` when absent.
    public func existingTable(_ name: String, for principal: Principal) async throws -> GlueWire.Table {
        guard let table = try await table(name, for: principal) else { throw Self.notFound(name) }
        return table
    }

    static func notFound(_ table: String) -> TableTalkError {
        TableTalkError(.tableNotFound, "no table named \(table)", details: ["table": table])
    }
}
