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

    /// Loads the configuration (defaults < file < environment < flags) and bootstraps logging to stderr.
    func load(_ flags: (inout AppConfiguration) -> Void = { _ in }) throws -> (AppConfiguration, Logger) {
        let config: AppConfiguration
        do {
            config = try ConfigurationLoader().load(dataDirFlag: dataDir, configFile: self.config) { c in
                if let logLevel { c.logLevel = logLevel }
                flags(&c)
            }
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        let level = Logger.Level(rawValue: config.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        var logger = Logger(label: "tabletalk")
        logger.logLevel = level
        return (config, logger)
    }
}
