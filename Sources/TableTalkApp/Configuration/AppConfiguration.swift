public import Foundation
public import TableTalkBroker

/// Every setting of TableTalk, in one place. Sources in increasing precedence: defaults < configuration file
/// (`<data-dir>/config.json` or `--config FILE`) < `TABLETALK_*` environment < command-line flags.
/// README "Configuration" lists each setting once.
public struct AppConfiguration: Sendable {
    /// Root of all state (tables, uploads, history, tokens). Default: `$XDG_DATA_HOME/tabletalk` or `~/.local/share/tabletalk`.
    public var dataDir: URL
    public var host = "127.0.0.1"
    public var port = 8080
    /// Largest JSON-RPC message (WebSocket message or stdio frame).
    public var maxMessageBytes = 16 << 20
    /// Largest upload.
    public var maxUploadBytes: Int64 = 1 << 30
    /// Size of upload parts suggested by `upload.begin`.
    public var uploadChunkBytes = 4 << 20
    /// Per-query wall-clock limit.
    public var queryTimeoutSeconds = 10.0
    /// Default row cap of `query.run` and answers.
    public var maxRows = 1000
    /// Directories `upload.importFile` may read (besides none by default on WebSocket; stdio adds the working directory).
    public var importDirs: [String] = []
    /// Requests in flight per connection before `rateLimited`.
    public var maxInFlight = 256
    /// Alert thresholds.
    public var alertErrorRate = 0.5
    public var alertP95Ms = 2000.0
    /// External plugins (configuration file only).
    public var plugins: [ExternalPluginConfiguration] = []
    /// `serve` requires a token on every connection (`false` only for trusted local setups).
    public var requireToken = true
    /// trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// `plain` (one `key=value` line per event) or `json` (one JSON object per line); see ``LogFormat``.
    public var logFormat = "plain"
    /// `monitoring.health` is degraded when the data directory's file system has fewer free bytes than this.
    public var minFreeDiskBytes: Int64 = 100 << 20
    /// Raw uploads kept in `<data-dir>/objects/` are encrypted with AES-256-GCM under ``encryptionKey``
    /// (README "Encryption at rest" says what this protects and what it does not).
    public var encryptAtRest = false
    /// File holding the 32-byte key (raw, or base64 on one line); `TABLETALK_ENCRYPTION_KEY` (base64) wins over it.
    public var encryptionKeyFile: String?
    /// The key itself, read by ``ConfigurationLoader`` from the environment or ``encryptionKeyFile`` (never a file setting).
    public var encryptionKey: Data?
    /// `rules` (offline parser only), `llm` (the language model only) or `hybrid` (the parser first, the model when
    /// it declines); nil means `hybrid` when ``llm`` is set, else `rules`.
    public var translator: String?
    /// The language model for the `llm` and `hybrid` translators.
    public var llm: LLMSettings?
    /// The translator in effect (see ``translator``).
    public var translatorMode: String { translator ?? (llm == nil ? "rules" : "hybrid") }
    /// `embedded` (SQLite, local files, local tokens) or `aws` (S3, Glue + Athena, DynamoDB, Cognito, CloudWatch;
    /// settings in ``aws``). `--deployment` on `serve`, `stdio` and `mcp`.
    public var deployment = AppConfiguration.embedded
    /// The `aws` block as read (file, then `TABLETALK_AWS_*`).
    public var aws = AWSDeploymentSettings()
    /// The AWS settings with defaults applied, set by ``ConfigurationLoader`` when ``deployment`` is `aws` (nil otherwise).
    public var awsDeployment: AWSDeploymentSettings.Resolved?
    /// Whether this process serves `PUT /uploads/{id}` (set by the command, not a setting: `serve` does, `stdio`
    /// does not, so `upload.begin` over stdio returns no `partUrl` that nothing listens on).
    public var servesUploadParts = true

    /// The key raw uploads are encrypted under, or nil when ``encryptAtRest`` is off.
    public var atRestKey: Data? { encryptAtRest ? encryptionKey : nil }

    public init(dataDir: URL? = nil) {
        self.dataDir = dataDir ?? AppConfiguration.defaultDataDir()
    }

    /// `$XDG_DATA_HOME/tabletalk`, else `~/.local/share/tabletalk`.
    public static func defaultDataDir(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("tabletalk")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/tabletalk")
    }
}
