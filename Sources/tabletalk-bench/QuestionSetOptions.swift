import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkCore

/// Tables and questions a translator benchmark runs over: CSV files loaded into a temporary workspace and a file
/// with one question per line.
struct QuestionSetOptions: ParsableArguments {
    @Option(name: .customLong("csv"), help: "A CSV file to load (repeatable).") var csv: [String] = []
    @Option(help: "A file with one question per line.") var questions: String
    @Option(help: "Timed translations of each question (after one warm-up).") var runs: Int = 20

    /// The questions, a workspace with the tables loaded, and the translation context over them.
    func load() async throws -> (questions: [String], runner: AskRunner, context: TranslationContext) {
        let lines = try String(contentsOfFile: questions, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !lines.isEmpty, !csv.isEmpty else { throw BenchFailure("give --csv files and a --questions file") }
        let runner = try AskRunner.temporary(options: QueryOptions(maxRows: 10_000, timeout: .seconds(60)))
        do {
            return (lines, runner, try await runner.context(csvFiles: csv.map { URL(fileURLWithPath: $0) }))
        } catch {
            runner.removeWorkspace()
            throw error
        }
    }
}
