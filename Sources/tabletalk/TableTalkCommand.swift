import ArgumentParser
import Foundation

/// `tabletalk`: the gateway and its command-line tools.
@main
struct TableTalkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabletalk",
        abstract: "Ask plain-English questions about CSV files; answers backed by SQL.",
        subcommands: [ServeCommand.self, StdioCommand.self, McpCommand.self, AskCommand.self, TokenCommand.self, ImportCommand.self])

    /// ArgumentParser's entry point, after ignoring SIGPIPE: a write to a plugin or client that closed its end
    /// is an error the writer handles, not the end of the process.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
