public import Foundation
public import TableTalkAWS
public import TableTalkCore
import TableTalkRules

/// The AWS deployment's adapters: raw files and direct uploads in S3 (presigned multipart part URLs), tables in
/// per-principal Glue databases queried through Athena (the offline translator renders Trino SQL), history in
/// DynamoDB. `dataDir` only holds local scratch (downloads for the ingest) and upload bookkeeping.
extension DataAdapters {
    /// - Parameter metrics: told what each Athena query scanned and took (CloudWatch).
    public init(
        aws: AWSDeploymentSettings.Resolved, dataDir: URL, environment: AWSEnvironment = AWSEnvironment(),
        metrics: (any MetricsPublisher)? = nil
    ) {
        let client = AWSClient(settings: aws.awsSettings(environment: environment))
        let encryption: S3Encryption = aws.sseKmsKeyId.map { .kms(keyId: $0) } ?? .s3
        let scratch = dataDir.appendingPathComponent("scratch", isDirectory: true)
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let objects = S3ObjectStore(
            client: client, bucket: aws.bucket, prefix: aws.prefix, encryption: encryption, temporaryDirectory: scratch)
        let tables = GlueTableStore(
            client: client, bucket: aws.bucket, prefix: aws.prefix, databasePrefix: aws.glueDatabasePrefix,
            encryption: encryption)
        let results = AthenaQueryConfiguration(
            workgroup: aws.athenaWorkgroup, resultsPrefix: aws.athenaOutputLocation,
            encryption: aws.sseKmsKeyId.map { .sseKMS(keyId: $0) } ?? .sseS3)
        var runner = AthenaQueryRunner(client: client, configuration: results)
        if let metrics {
            runner.onStatistics = { stats in stats.record(to: metrics) }
        }
        let engine = AthenaEngine(store: tables, runner: runner, objectStore: objects)
        self.init(
            objectStore: objects, ingestor: GlueIngestor(store: tables, objectStore: objects), engine: engine,
            hasher: CryptoContentHasher(),
            history: DynamoDBHistoryStore(client: client, tableName: aws.dynamoDBTable), dialect: TrinoDialect(),
            engineName: "athena",
            directUploads: S3DirectUploads(store: objects, partURLLifetime: .seconds(Int64(aws.presignExpirySeconds))))
    }
}

extension DataAdapters {
    /// The adapters of the configured deployment: AWS when ``AppConfiguration/awsDeployment`` is set, else the
    /// embedded default over the data directory.
    public init(configuration: AppConfiguration, metrics: (any MetricsPublisher)? = nil) {
        if let aws = configuration.awsDeployment {
            self.init(aws: aws, dataDir: configuration.dataDir, metrics: metrics)
        } else {
            self.init(dataDir: configuration.dataDir, encryptionKey: configuration.atRestKey)
        }
    }
}
