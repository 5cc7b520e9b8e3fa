import Foundation
import Logging
import TableTalkApp
import TableTalkBroker

/// A runtime over a fresh temporary data directory, for in-process tests.
enum TestRuntime {
    static func make(dataDir: URL = PackagePaths.tempDir("tt-rt"), _ adjust: (inout AppConfiguration) -> Void = { _ in }) throws
        -> TableTalkRuntime
    {
        var config = AppConfiguration(dataDir: dataDir)
        adjust(&config)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try TableTalkRuntime(configuration: config, logger: logger)
    }
}
