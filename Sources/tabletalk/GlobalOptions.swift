import ArgumentParser
import Foundation
import Logging
import TableTalkApp

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Data directory (default: $XDG_DATA_HOME/tabletalk or ~/.local/share/tabletalk).")
    var dataDir: String?

    @Option(help: "Configuration file (default: <data-dir>/config.json when present).")
    var config: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Option(help: "Log format: plain (key=value) or json (one object per line).")
    var logFormat: String?

    @Option(help: "Deployment: embedded (SQLite, local files, local tokens) or aws (S3, Athena, DynamoDB, Cognito; settings in the aws block or TABLETALK_AWS_*).")
    var deployment: String?

    /// Loads the configuration (defaults < file < environment < flags) and bootstraps logging to stderr in
    /// `--log-format` (plain or JSON lines).
    func load(_ flags: (inout AppConfiguration) -> Void = { _ in }) throws -> (AppConfiguration, Logger) {
        let config: AppConfiguration
        do {
            config = try ConfigurationLoader().load(dataDirFlag: dataDir, configFile: self.config) { c in
                if let logLevel { c.logLevel = logLevel }
                if let logFormat { c.logFormat = logFormat }
                if let deployment { c.deployment = deployment }
                flags(&c)
            }
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        let level = Logger.Level(rawValue: config.logLevel) ?? .info
        guard let format = LogFormat(rawValue: config.logFormat) else {
            throw ValidationError("log format \(config.logFormat) is not one of plain, json")
        }
        LoggingSystem.bootstrap { label in OperatorLogHandler(label: label, format: format, level: level) }
        var logger = Logger(label: "tabletalk")
        logger.logLevel = level
        return (config, logger)
    }
}
