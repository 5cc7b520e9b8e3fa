import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkCore
import TableTalkRules

/// `tabletalk-bench translate`: the offline translator's time per question (tokenize, link, build, render,
/// restate), over tables loaded from CSV files; anchor = the SQLite engine running the SQL it produced, same run.
struct TranslateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate", abstract: "RulesTranslator time per question vs running its SQL, same tables.")

    @OptionGroup var set: QuestionSetOptions
    @Flag(help: "Print each question's median time.") var verbose = false

    func run() async throws {
        let (lines, runner, context) = try await set.load()
        defer { runner.removeWorkspace() }
        let runs = set.runs
        let translator = RulesTranslator()
        say("TableTalk translate benchmark (\(BenchClock.machine())): \(lines.count) questions over \(context.tables.map(\.name).joined(separator: ", ")), \(runs) runs each")
        var translate: [Double] = []
        var engine: [Double] = []
        var answered = 0
        for q in lines {
            let first = translator.translateNow(q, context: context)  // warm-up: word lists, profiles
            var mine: [Double] = []
            for _ in 0..<max(1, runs) {
                let t0 = BenchClock.now()
                _ = translator.translateNow(q, context: context)
                mine.append(BenchClock.seconds(since: t0))
            }
            translate += mine
            if verbose { say(String(format: "  %7.3f ms  %@  %@", TimingStats(mine).milliseconds(at: 0.5), first.needsClarification ? "?" : " ", q)) }
            if let sql = first.sql, !first.needsClarification {
                answered += 1
                let t0 = BenchClock.now()
                _ = try? await runner.engine.run(sql, for: runner.principal, options: runner.options, cancellation: nil)
                engine.append(BenchClock.seconds(since: t0))
            }
        }
        let translateStats = TimingStats(translate)
        say(String(format: "  translator: p50 %.3f ms, p95 %.3f ms, max %.3f ms (%d translations; %d of %d questions answered)",
            translateStats.milliseconds(at: 0.5), translateStats.milliseconds(at: 0.95), translateStats.milliseconds(at: 1), translate.count, answered, lines.count))
        let engineStats = TimingStats(engine)
        say(String(format: "  anchor, SQLite running the produced SQL: p50 %.3f ms, p95 %.3f ms (%d queries, first run each)",
            engineStats.milliseconds(at: 0.5), engineStats.milliseconds(at: 0.95), engine.count))
    }
}
