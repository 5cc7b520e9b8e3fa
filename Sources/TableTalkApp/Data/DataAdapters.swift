public import Foundation
public import TableTalkCore
public import TableTalkRules
import TableTalkSQLite

/// The embedded default adapters over one data directory, built once and shared by the capabilities that need
/// them (one engine instance, so its result cache is shared too):
/// `<dataDir>/users/<principal>/tables.sqlite` (tables and catalog), `<dataDir>/objects/` (raw files),
/// `<dataDir>/uploads/` (parts in flight), `<dataDir>/users/<principal>/history.sqlite` (chat history).
/// The AWS deployment fills the same fields with S3, Glue + Athena and DynamoDB adapters.
public struct DataAdapters: Sendable {
    public let objectStore: any ObjectStore
    public let ingestor: any CSVIngestor
    public let engine: any SQLEngine
    public let hasher: any ContentHasher
    public let history: any HistoryStore
    /// The SQL the engine speaks, for the offline translator's renderer.
    public let dialect: any SQLDialect
    /// What `initialize` reports as `features.engine` ("sqlite", "athena").
    public let engineName: String
    /// Where clients put upload parts themselves (S3 presigned multipart URLs); nil when parts come through us.
    public let directUploads: (any DirectUploadTarget)?
    /// Whether the translator's value index may scan tables (`SELECT DISTINCT`): cheap on SQLite, billed per byte
    /// and seconds long on Athena, where the values the ingest gathered are used instead.
    public var scansForValues: Bool { engineName == "sqlite" }

    /// Builds the adapters over `dataDir` (nothing is opened until first use); raw files are encrypted at rest
    /// under `encryptionKey` (32 bytes) when one is given.
    public init(dataDir: URL, encryptionKey: Data? = nil) {
        let store = LocalObjectStore(
            root: dataDir.appendingPathComponent("objects", isDirectory: true), encryptionKey: encryptionKey)
        objectStore = store
        // Upload parts (and the copies importFile makes) are ours to move into the object store.
        let engine = SQLiteEngine(dataDirectory: dataDir, objectStore: store)
        self.engine = engine
        // the value index of each new table version is read (and stored) right after its ingest
        ingestor = IndexingIngestor(
            base: SQLiteIngestor(dataDirectory: dataDir, objectStore: store, configuration: .init(rawFiles: .move)),
            engine: engine)
        hasher = CryptoContentHasher()
        history = SQLiteHistoryStore(dataDirectory: dataDir)
        dialect = SQLiteDialect()
        engineName = "sqlite"
        directUploads = nil
    }

    /// Adapters from their parts (the AWS deployment, see `DataAdapters+AWS.swift`).
    init(
        objectStore: any ObjectStore, ingestor: any CSVIngestor, engine: any SQLEngine, hasher: any ContentHasher,
        history: any HistoryStore, dialect: any SQLDialect, engineName: String, directUploads: (any DirectUploadTarget)?
    ) {
        self.objectStore = objectStore
        self.ingestor = ingestor
        self.engine = engine
        self.hasher = hasher
        self.history = history
        self.dialect = dialect
        self.engineName = engineName
        self.directUploads = directUploads
    }
}
