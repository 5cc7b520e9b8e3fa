import ArgumentParser
import Foundation
import TableTalkSQLite

/// `tabletalk-bench gen`: writes the deterministic benchmark CSV (same size and seed, same bytes).
struct GenBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen", abstract: "Write the generated benchmark CSV (20 mixed columns, deterministic).")

    @Option(help: "Size in MB (10^6 bytes).") var mb: Int = 100
    @Option(help: "Output file.") var out: String
    @Option(help: "Generator seed.") var seed: UInt64 = 42

    func run() async throws {
        let t0 = BenchClock.now()
        let (rows, bytes) = try BenchmarkCSVGenerator(targetBytes: Int64(mb) * 1_000_000, seed: seed)
            .write(to: URL(fileURLWithPath: out))
        say(String(format: "wrote %@: %lld bytes, %d rows, 20 columns in %.1f s", out as NSString, bytes, rows, BenchClock.seconds(since: t0)))
    }
}
