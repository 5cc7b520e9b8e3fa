import Foundation
import Testing

/// The target graph of docs/ARCHITECTURE.md, checked on the sources: who may import what.
@Suite struct LayeringTests {
    /// Our modules each folder may import (third-party and system modules are not restricted here, except the listed bans).
    static let rules: [(folder: String, allowed: Set<String>, banned: Set<String>)] = [
        ("Sources/TableTalkProtocol", [], ["Hummingbird", "NIOCore", "CSQLite", "Logging"]),
        ("Sources/TableTalkCore", [], ["Hummingbird", "NIOCore", "CSQLite"]),
        ("Sources/TableTalkBroker", ["TableTalkProtocol", "TableTalkCore"], ["Hummingbird", "NIOCore", "CSQLite"]),
        ("Plugins", ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"], ["Hummingbird", "NIOCore", "CSQLite", "Crypto"]),
        ("Sources/TableTalkStdio", ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"], ["CSQLite"]),
        ("Sources/TableTalkWebSocket", ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"], ["CSQLite"]),
        ("Sources/TableTalkSQLite", ["TableTalkCore", "TableTalkCSV"], ["Hummingbird", "NIOCore"]),
        ("Sources/TableTalkRules", ["TableTalkCore"], ["Hummingbird", "NIOCore", "CSQLite"]),
        // AWS calls go through async-http-client (NIO's types at its edges); the adapters see only Core and CSV.
        ("Sources/TableTalkAWS", ["TableTalkCore", "TableTalkCSV"], ["Hummingbird", "CSQLite"]),
        ("Sources/TableTalkCSV", ["TableTalkCore"], ["Hummingbird", "NIOCore", "CSQLite"]),
        ("Sources/TableTalkLLM", ["TableTalkCore", "TableTalkAWS"], ["Hummingbird", "CSQLite"]),
    ]
    static let ours: Set<String> = [
        "TableTalkProtocol", "TableTalkCore", "TableTalkBroker", "TableTalkStdio", "TableTalkWebSocket", "TableTalkSQLite",
        "TableTalkRules", "TableTalkApp", "TableTalkTestSupport", "TableTalkMonitoring", "TableTalkUpload", "TableTalkQuery",
        "TableTalkChat", "TableTalkHistory", "TableTalkAWS", "TableTalkLLM", "TableTalkCSV", "TableTalkMCP",
    ]

    static func imports(under folder: String) throws -> [(file: String, module: String)] {
        let root = PackagePaths.root.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [(String, String)] = []
        for case let path as String in files where path.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let i = words.firstIndex(of: "import"), i <= 2, i + 1 < words.count,
                    words[..<i].allSatisfy({ ["public", "package", "internal", "@testable", "@_exported"].contains($0) })
                else { continue }
                out.append(("\(folder)/\(path)", words[i + 1]))
            }
        }
        return out
    }

    @Test(arguments: rules.map(\.folder))
    func importsFollowTheTargetGraph(_ folder: String) throws {
        let rule = Self.rules.first { $0.folder == folder }!
        for (file, module) in try Self.imports(under: folder) {
            if Self.ours.contains(module) {
                #expect(rule.allowed.contains(module) || file.contains("/\(module)/"), "\(file) imports \(module)")
            }
            #expect(!rule.banned.contains(module), "\(file) imports \(module)")
        }
    }
}
