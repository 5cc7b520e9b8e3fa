import Foundation
import Testing

/// The real `tabletalk` binary with `translator: hybrid` pointed at the scripted OpenAI-compatible server: a
/// question the offline parser declines is answered by the "model", runs through the engine's guard, and says
/// `translator: llm`; one it answers never reaches the model.
@Suite struct HybridEndToEndTests {
    static let declined = "which of these fellows would make the best dinner companion"

    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent(), root.appendingPathComponent(".build/debug")] {
            let candidate = dir.appendingPathComponent("tabletalk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/tabletalk")
    }

    /// A data directory with `sales` imported and a configuration file for the fake server at `base`.
    static func setUp(base: String, translator: String = "hybrid") throws -> (dir: URL, config: URL, csv: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llm-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("sales.csv")
        try Data(LLMWorkspace.salesCSV.utf8).write(to: csv)
        let config = dir.appendingPathComponent("config.json")
        let json = """
            {"translator": "\(translator)", "requireToken": false,
             "llm": {"provider": "openai", "model": "fake-model", "baseURL": "\(base)", "apiKeyEnv": "TT_TEST_LLM_KEY",
                     "timeoutSeconds": 5, "maxRepairTurns": 1}}
            """
        try Data(json.utf8).write(to: config)
        return (dir, config, csv)
    }

    /// Runs the binary to the end; returns exit status, stdout and stderr.
    static func run(_ arguments: [String], input: String? = nil) async throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TT_TEST_LLM_KEY"] = "sk-e2e"
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { try inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let (stdout, stderr) = await withCheckedContinuation { c in
            DispatchQueue.global().async {
                let o = out.fileHandleForReading.readDataToEndOfFile()
                let e = err.fileHandleForReading.readDataToEndOfFile()
                c.resume(returning: (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self)))
            }
        }
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func askAnswersADeclinedQuestionWithTheModelAndSaysSo() async throws {
        let (server, base) = try await OpenAIFakeServer.start([
            .sql("SELECT customer FROM sales ORDER BY amount DESC LIMIT 1", meaning: "The customer with the largest amount")
        ])
        defer { server.stop() }
        let (dir, config, csv) = try Self.setUp(base: base)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (status, stdout, stderr) = try await Self.run([
            "ask", "--data-dir", dir.path, "--config", config.path, "--csv", csv.path, "--format", "json",
            "--log-level", "debug", Self.declined,
        ])
        #expect(status == 0, "\(stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(answer["translator"] as? String == "llm")
        #expect(answer["interpretation"] as? String == "The customer with the largest amount")
        #expect((answer["rows"] as? [[Any]])?.first?.first as? String == "Dee")
        #expect(server.received.count == 1)
        #expect(server.received.first?.authorization == "Bearer sk-e2e", "the key comes from the variable named by apiKeyEnv")
        #expect(stderr.contains("prompt sent to the model"), "--log-level debug prints the prompt")
        #expect(stderr.contains("Question: \(Self.declined)"))
    }

    @Test func askLeavesQuestionsTheParserAnswersToIt() async throws {
        let (server, base) = try await OpenAIFakeServer.start([.sql("SELECT 1")])
        defer { server.stop() }
        let (dir, config, csv) = try Self.setUp(base: base)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (status, stdout, _) = try await Self.run([
            "ask", "--data-dir", dir.path, "--config", config.path, "--csv", csv.path, "--format", "json",
            "total amount by region",
        ])
        #expect(status == 0)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(answer["translator"] as? String == "rules")
        #expect(server.received.isEmpty)
    }

    @Test func chatSendOverStdioSaysLLMReturnsThePromptOnRequestAndInitializeNamesTheTranslator() async throws {
        let (server, base) = try await OpenAIFakeServer.start([
            .sql("SELECT customer FROM sales ORDER BY amount DESC LIMIT 1", meaning: "The customer with the largest amount")
        ])
        defer { server.stop() }
        let (dir, config, csv) = try Self.setUp(base: base)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let (imported, _, importErr) = try await Self.run(["import", "--data-dir", data.path, csv.path])
        #expect(imported == 0, "\(importErr)")
        // chat.start's session id is not known in advance: ask on a fresh session named by a first exchange
        let first = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}
            {"jsonrpc":"2.0","id":2,"method":"chat.start","params":{"title":"t"}}

            """
        let (_, started, _) = try await Self.run(
            ["stdio", "--data-dir", data.path, "--config", config.path], input: first)
        let lines = started.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let initialize = try #require(lines.first { $0["id"] as? Int == 1 }?["result"] as? [String: Any])
        let features = (initialize["capabilities"] as? [String: Any])?["features"] as? [String: Any]
        #expect(features?["translator"] as? String == "hybrid")
        #expect(features?["llm"] as? String == "openai fake-model")
        let session = try #require((lines.first { $0["id"] as? Int == 2 }?["result"] as? [String: Any])?["sessionId"] as? String)
        let ask = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}
            {"jsonrpc":"2.0","id":3,"method":"chat.send","params":{"sessionId":"\(session)","text":"\(Self.declined)","includePrompt":true}}

            """
        let (_, replied, stderr) = try await Self.run(["stdio", "--data-dir", data.path, "--config", config.path], input: ask)
        let answer = try #require(
            replied.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .first { $0["id"] as? Int == 3 }?["result"] as? [String: Any], "\(replied) \(stderr)")
        #expect(answer["translator"] as? String == "llm")
        #expect(answer["sql"] as? String == "SELECT customer FROM sales ORDER BY amount DESC LIMIT 1")
        let result = try #require(answer["result"] as? [String: Any])
        #expect((result["rows"] as? [[Any]])?.first?.first as? String == "Dee")
        let prompt = try #require(answer["prompt"] as? String)
        #expect(prompt.contains("table \"sales\" (4 rows)"))
        #expect(!prompt.contains("Dee"), "no values in the prompt")
    }
}
