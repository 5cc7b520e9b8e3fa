import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkCore

/// `tabletalk token create|list|revoke`: manage the access tokens `serve` accepts (stored hashed).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage access tokens for serve.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (shown once).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A name for the token.") var name: String = "default"
        @Option(help: "The principal (user) the token acts as; tables are per principal.") var principal: String = "local"

        func run() throws {
            let (config, _) = try global.load()
            try PrivateDataDirectory.prepare(config.dataDir)
            let (token, record) = try TokenStore(dataDir: config.dataDir).create(name: name, principal: Principal(principal))
            print(token)
            StandardError.write("created token \(record.id) (\(record.name)) for principal \(record.principal)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their values).")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let (config, _) = try global.load()
            let f = ISO8601DateFormatter()
            for r in try TokenStore(dataDir: config.dataDir).list() {
                let state = r.revokedAt.map { "revoked \(f.string(from: $0))" } ?? "active"
                print("\(r.id)\t\(r.name)\t\(r.principal)\t\(f.string(from: r.createdAt))\t\(state)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id or name.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Token id or name.") var token: String
        func run() throws {
            let (config, _) = try global.load()
            try PrivateDataDirectory.prepare(config.dataDir)
            let n = try TokenStore(dataDir: config.dataDir).revoke(token)
            guard n > 0 else { throw ValidationError("no active token with id or name \(token)") }
            print("revoked \(n) token(s)")
        }
    }
}
