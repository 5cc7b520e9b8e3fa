public import Foundation
import TableTalkBroker

/// Builds an ``AppConfiguration`` from its sources: defaults < file < environment < flags.
public struct ConfigurationLoader: Sendable {
    /// Keys of the file (JSON) and, upper-cased with `TABLETALK_`, of the environment.
    struct FileModel: Codable {
        var dataDir: String?
        var host: String?
        var port: Int?
        var maxMessageBytes: Int?
        var maxUploadBytes: Int64?
        var uploadChunkBytes: Int?
        var queryTimeoutSeconds: Double?
        var maxRows: Int?
        var importDirs: [String]?
        var maxInFlight: Int?
        var alertErrorRate: Double?
        var alertP95Ms: Double?
        var plugins: [ExternalPluginConfiguration]?
        var requireToken: Bool?
        var logLevel: String?
        var logFormat: String?
        var minFreeDiskBytes: Int64?
        var encryptAtRest: Bool?
        var encryptionKeyFile: String?
        var translator: String?
        var llm: LLMSettings?
        var deployment: String?
        var aws: AWSDeploymentSettings?
    }

    public var environment: [String: String]
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) { self.environment = environment }

    /// - Parameters:
    ///   - dataDirFlag: `--data-dir`, highest precedence.
    ///   - configFile: `--config`; otherwise `<data-dir>/config.json` when it exists.
    ///   - flags: other flag overrides, applied last.
    public func load(dataDirFlag: String?, configFile: String?, flags: (inout AppConfiguration) -> Void = { _ in }) throws
        -> AppConfiguration
    {
        let env = environment
        let dataDir = dataDirFlag.map { URL(fileURLWithPath: $0) }
            ?? env["TABLETALK_DATA_DIR"].map { URL(fileURLWithPath: $0) }
        var config = AppConfiguration(dataDir: dataDir)
        let fileURL = configFile.map { URL(fileURLWithPath: $0) } ?? config.dataDir.appendingPathComponent("config.json")
        if FileManager.default.fileExists(atPath: fileURL.path) {
            let data = try Data(contentsOf: fileURL)
            let file: FileModel
            do { file = try JSONDecoder().decode(FileModel.self, from: data) } catch {
                throw ConfigurationError("configuration file \(fileURL.path) is not valid: \(error)")
            }
            apply(file, to: &config, allowDataDir: dataDir == nil)
        } else if configFile != nil {
            throw ConfigurationError("configuration file \(fileURL.path) does not exist")
        }
        try applyEnvironment(to: &config)
        flags(&config)
        try loadEncryptionKey(into: &config)
        try checkTranslator(config)
        try checkDeployment(&config)
        return config
    }

    /// With `encryptAtRest` on, a 32-byte key must come from `TABLETALK_ENCRYPTION_KEY` (base64) or
    /// `encryptionKeyFile` (32 raw bytes, or their base64); anything else stops the start with a clear error.
    private func loadEncryptionKey(into c: inout AppConfiguration) throws {
        guard c.encryptAtRest else { return }
        if let b64 = environment["TABLETALK_ENCRYPTION_KEY"] {
            guard let key = Data(base64Encoded: b64.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
                throw ConfigurationError("TABLETALK_ENCRYPTION_KEY must be 32 bytes in base64 (e.g. `head -c 32 /dev/urandom | base64`)")
            }
            c.encryptionKey = key
            return
        }
        guard let path = c.encryptionKeyFile else {
            throw ConfigurationError(
                "encryptAtRest is on but no key was given: set TABLETALK_ENCRYPTION_KEY (base64 of 32 bytes) or encryptionKeyFile")
        }
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        guard let raw = try? Data(contentsOf: url) else { throw ConfigurationError("encryption key file \(url.path) cannot be read") }
        if raw.count == 32 {
            c.encryptionKey = raw
        } else if let text = String(data: raw, encoding: .utf8),
            let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32
        {
            c.encryptionKey = key
        } else {
            throw ConfigurationError("encryption key file \(url.path) must hold 32 raw bytes or their base64")
        }
    }

    private func apply(_ f: FileModel, to c: inout AppConfiguration, allowDataDir: Bool) {
        if allowDataDir, let v = f.dataDir { c.dataDir = URL(fileURLWithPath: v) }
        if let v = f.host { c.host = v }
        if let v = f.port { c.port = v }
        if let v = f.maxMessageBytes { c.maxMessageBytes = v }
        if let v = f.maxUploadBytes { c.maxUploadBytes = v }
        if let v = f.uploadChunkBytes { c.uploadChunkBytes = v }
        if let v = f.queryTimeoutSeconds { c.queryTimeoutSeconds = v }
        if let v = f.maxRows { c.maxRows = v }
        if let v = f.importDirs { c.importDirs = v }
        if let v = f.maxInFlight { c.maxInFlight = v }
        if let v = f.alertErrorRate { c.alertErrorRate = v }
        if let v = f.alertP95Ms { c.alertP95Ms = v }
        if let v = f.plugins { c.plugins = v }
        if let v = f.requireToken { c.requireToken = v }
        if let v = f.logLevel { c.logLevel = v }
        if let v = f.logFormat { c.logFormat = v }
        if let v = f.minFreeDiskBytes { c.minFreeDiskBytes = v }
        if let v = f.encryptAtRest { c.encryptAtRest = v }
        if let v = f.encryptionKeyFile { c.encryptionKeyFile = v }
        if let v = f.translator { c.translator = v }
        if let v = f.llm { c.llm = v }
        if let v = f.deployment { c.deployment = v }
        if let v = f.aws { c.aws = v }
    }

    /// `deployment` is `embedded` or `aws`; with `aws`, the `aws` block must name what it needs (every problem at once).
    private func checkDeployment(_ c: inout AppConfiguration) throws {
        guard AppConfiguration.deployments.contains(c.deployment) else {
            throw ConfigurationError(
                "deployment \(c.deployment) is not one of \(AppConfiguration.deployments.joined(separator: ", ")) (--deployment or TABLETALK_DEPLOYMENT)")
        }
        guard c.deployment == AppConfiguration.awsDeploymentName else { return }
        let problems = c.aws.problems(environment: environment)
        if !problems.isEmpty { throw ConfigurationError(problems.joined(separator: "; ")) }
        c.awsDeployment = try c.aws.resolved(environment: environment)
    }

    /// `translator` is one of rules, llm, hybrid; llm and hybrid need an `llm` block that makes sense.
    private func checkTranslator(_ c: AppConfiguration) throws {
        let mode = c.translatorMode
        guard LLMSettings.translators.contains(mode) else {
            throw ConfigurationError("translator \(mode) is not one of \(LLMSettings.translators.joined(separator: ", "))")
        }
        if mode != "rules", c.llm == nil {
            throw ConfigurationError("translator \(mode) needs an llm block (provider, model, baseURL or region)")
        }
        if let problem = c.llm?.problem() { throw ConfigurationError(problem) }
    }

    private func applyEnvironment(to c: inout AppConfiguration) throws {
        func num<T: LosslessStringConvertible>(_ key: String, _ set: (T) -> Void) throws {
            guard let raw = environment["TABLETALK_" + key] else { return }
            guard let v = T(raw) else { throw ConfigurationError("TABLETALK_\(key)=\(raw) is not a valid \(T.self)") }
            set(v)
        }
        if let v = environment["TABLETALK_HOST"] { c.host = v }
        try num("PORT") { c.port = $0 }
        try num("MAX_MESSAGE_BYTES") { c.maxMessageBytes = $0 }
        try num("MAX_UPLOAD_BYTES") { c.maxUploadBytes = $0 }
        try num("UPLOAD_CHUNK_BYTES") { c.uploadChunkBytes = $0 }
        try num("QUERY_TIMEOUT_SECONDS") { c.queryTimeoutSeconds = $0 }
        try num("MAX_ROWS") { c.maxRows = $0 }
        try num("MAX_IN_FLIGHT") { c.maxInFlight = $0 }
        try num("ALERT_ERROR_RATE") { c.alertErrorRate = $0 }
        try num("ALERT_P95_MS") { c.alertP95Ms = $0 }
        try num("REQUIRE_TOKEN") { c.requireToken = $0 }
        if let v = environment["TABLETALK_IMPORT_DIRS"] { c.importDirs = v.split(separator: ":").map(String.init) }
        if let v = environment["TABLETALK_LOG_LEVEL"] { c.logLevel = v }
        if let v = environment["TABLETALK_LOG_FORMAT"] { c.logFormat = v }
        try num("MIN_FREE_DISK_BYTES") { c.minFreeDiskBytes = $0 }
        try num("ENCRYPT_AT_REST") { c.encryptAtRest = $0 }
        if let v = environment["TABLETALK_ENCRYPTION_KEY_FILE"] { c.encryptionKeyFile = v }
        if let v = environment["TABLETALK_TRANSLATOR"] { c.translator = v }
        if let v = environment["TABLETALK_LLM_PROVIDER"] { c.llm = c.llm ?? LLMSettings(provider: v); c.llm?.provider = v }
        if let v = environment["TABLETALK_LLM_MODEL"] { c.llm?.model = v }
        if let v = environment["TABLETALK_LLM_BASE_URL"] { c.llm?.baseURL = v }
        if let v = environment["TABLETALK_DEPLOYMENT"] { c.deployment = v }
        try c.aws.apply(environment: environment)
    }
}

/// A configuration source is invalid; the message names the source and the key.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
