import ArgumentParser

/// `tabletalk`: the gateway and its command-line tools.
@main
struct TableTalkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabletalk",
        abstract: "Ask plain-English questions about CSV files; answers backed by SQL.",
        subcommands: [ServeCommand.self, StdioCommand.self, AskCommand.self, TokenCommand.self, ImportCommand.self])
}
