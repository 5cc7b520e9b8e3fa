public import ArgumentParser
import Foundation
public import TableTalkApp
import TableTalkCore

/// `tabletalk ask`: answer one question offline, over `--csv` files (a temporary workspace, table name = file
/// stem) or over the data directory's tables.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer a plain-English question with SQL, offline.",
        discussion: """
            --format json prints one object {"sql","interpretation","columns","rows","translator"} (or {"error","suggestions"});
            --format values prints a JSON list of the answer values.
            --explain also prints how each part of the question was read (column, value, operator, aggregate…);
            --format json always includes it as "understood".
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("csv"), help: "A CSV file to load into a temporary workspace (repeatable).")
    var csv: [String] = []
    @Option(help: "Output: text, json or values.") var format: AskFormat = .text
    @Flag(help: "Also print how each part of the question was read.") var explain = false
    @Argument(parsing: .remaining, help: "The question.") var question: [String]

    func run() async throws {
        let (config, logger) = try global.load { $0.logLevel = global.logLevel ?? "error" }
        let translator = TranslatorFactory.make(config, logger: logger)
        let options = QueryOptions(maxRows: 10_000, timeout: .milliseconds(Int(config.queryTimeoutSeconds * 1000)))
        let runner: AskRunner
        if csv.isEmpty {
            try PrivateDataDirectory.prepare(config.dataDir)
            let adapters = DataAdapters(configuration: config)
            runner = AskRunner(ingestor: adapters.ingestor, engine: adapters.engine, translator: translator, options: options)
        } else {
            runner = try AskRunner.temporary(options: options, translator: translator)
        }
        defer { if !csv.isEmpty { runner.removeWorkspace() } }
        let files = csv.map { URL(fileURLWithPath: $0) }
        let output = await runner.run(question: question.joined(separator: " "), csvFiles: files, format: format, explain: explain)
        FileHandle.standardOutput.write(Data(output.stdout.utf8))
        if let err = output.stderr { StandardError.write(err) }
        if output.exitCode != 0 { throw ExitCode(output.exitCode) }
    }
}

extension AskFormat: ExpressibleByArgument {}
