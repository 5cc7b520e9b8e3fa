import ArgumentParser

/// `tabletalk-bench`: benchmarks that print figures against an anchor measured in the same run.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabletalk-bench",
        abstract: "TableTalk benchmarks (use a release build: swift run -c release tabletalk-bench ...).",
        subcommands: [RPCBench.self, BrokerBench.self, GenBench.self, IngestBench.self, IngestOnce.self, QueryBench.self, UploadBench.self, TranslateBench.self, McpBench.self, HybridBench.self])
}
