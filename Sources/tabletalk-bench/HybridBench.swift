import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkCore
import TableTalkLLM
import TableTalkRules

/// `tabletalk-bench hybrid`: the hybrid translator's own cost per question (the offline parser declining, the
/// prompt, reading and checking the model's reply) with a model that answers at once, so everything but the
/// model's time is measured; anchor = the offline parser alone on the same questions, same run.
struct HybridBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hybrid", abstract: "Hybrid translator overhead per question (instant model) vs the offline parser alone.")

    /// Questions the offline parser declines go to the model.
    @OptionGroup var set: QuestionSetOptions

    func run() async throws {
        let (lines, runner, context) = try await set.load()
        defer { runner.removeWorkspace() }
        let runs = set.runs
        guard let table = context.tables.first, let column = table.columns.first else { throw BenchFailure("no table loaded") }
        let model = InstantModel(sql: "SELECT \"\(column.name)\" FROM \"\(table.name)\" LIMIT 1")
        let rules = RulesTranslator()
        let hybrid = HybridTranslator(rules: rules, model: LLMTranslator(model: model))
        say("TableTalk hybrid benchmark (\(BenchClock.machine())): \(lines.count) questions over \(table.name), \(runs) runs each, a model that answers at once")
        var mine: [Double] = []
        var anchor: [Double] = []
        var routed = 0
        for q in lines {
            let first = try await hybrid.translate(q, context: context)
            if first.translator == "llm" { routed += 1 }
            for _ in 0..<max(1, runs) {
                var t0 = BenchClock.now()
                _ = try await hybrid.translate(q, context: context)
                mine.append(BenchClock.seconds(since: t0))
                t0 = BenchClock.now()
                _ = try await rules.translate(q, context: context)
                anchor.append(BenchClock.seconds(since: t0))
            }
        }
        let mineStats = TimingStats(mine)
        say(String(format: "  hybrid (instant model): p50 %.3f ms, p95 %.3f ms (%d translations; %d of %d questions went to the model)",
            mineStats.milliseconds(at: 0.5), mineStats.milliseconds(at: 0.95), mine.count, routed, lines.count))
        let anchorStats = TimingStats(anchor)
        say(String(format: "  anchor, offline parser alone: p50 %.3f ms, p95 %.3f ms", anchorStats.milliseconds(at: 0.5), anchorStats.milliseconds(at: 0.95)))
    }
}

/// A model that answers at once with a fixed statement, standing in for the model's own time.
private struct InstantModel: ChatModel {
    let sql: String
    let provider = "bench"
    let model = "instant"
    func complete(_ request: ChatModelRequest) async throws -> ChatModelReply {
        ChatModelReply(text: "MEANING: the first value\n```sql\n\(sql)\n```", inputTokens: 1, outputTokens: 1, stopReason: "stop")
    }
}
