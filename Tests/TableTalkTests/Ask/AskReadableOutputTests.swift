import Foundation
import Testing
import TableTalkApp
import TableTalkCore

/// `tabletalk ask` prints numbers as people read them in text (grouped, no exponent), keeps exact values in json
/// and values, includes `understood` in json and prints it with `--explain`.
@Suite struct AskReadableOutputTests {
    static let sales = """
        Region,Revenue,Rate
        North,86900000.25,0.000123456
        North,86900000.5,0.5
        South,1234.5,3.14159
        """

    static func file() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ask-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("big_sales.csv")
        try sales.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func textGroupsLargeRealsAndNeverUsesAnExponent() async throws {
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let out = await runner.run(question: "total revenue by region", csvFiles: [try Self.file()], format: .text)
        #expect(out.exitCode == 0, "\(out.stdout)")
        #expect(out.stdout.contains("173,800,000.75"), "\(out.stdout)")
        #expect(out.stdout.contains("1,234.5"))
        #expect(!out.stdout.contains("e+"))
        let small = await runner.run(question: "lowest rate", csvFiles: [try Self.file()], format: .text)
        #expect(small.stdout.contains("0.0001235"), "\(small.stdout)")
        #expect(!small.stdout.contains("e-"))
    }

    @Test func jsonAndValuesKeepMachineValues() async throws {
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let values = await runner.run(question: "total revenue", csvFiles: [try Self.file()], format: .values)
        #expect(values.stdout == "[173801235.25]\n")
        let json = await runner.run(question: "total revenue by region", csvFiles: [try Self.file()], format: .json)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(obj["rows"] as? [[Any]])
        #expect(rows.contains { ($0.last as? Double) == 173800000.75 })
        #expect(!json.stdout.contains("173,800,000"))
    }

    @Test func jsonCarriesUnderstoodAndExplainPrintsIt() async throws {
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let question = "total revenue in North"
        let json = await runner.run(question: question, csvFiles: [try Self.file()], format: .json)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let spans = try #require(obj["understood"] as? [[String: Any]])
        let pairs = spans.map { "\($0["kind"] as? String ?? "")|\($0["text"] as? String ?? "")|\($0["meaning"] as? String ?? "")" }
        #expect(pairs == ["aggregate|total|sum", "column|revenue|revenue", "value|North|region = North"], "\(pairs)")
        #expect(spans.last?["start"] as? Int == 17 && spans.last?["end"] as? Int == 22)

        let text = await runner.run(question: question, csvFiles: [try Self.file()], format: .text, explain: true)
        #expect(text.stdout.contains("Understood:\n"))
        #expect(text.stdout.contains("“North”") && text.stdout.contains("region = North"))
        let plain = await runner.run(question: question, csvFiles: [try Self.file()], format: .text)
        #expect(!plain.stdout.contains("Understood:"))

        let unclear = await runner.run(question: "total revenue of unicorns flying", csvFiles: [try Self.file()], format: .text, explain: true)
        #expect(unclear.exitCode == 2)
        #expect(unclear.stdout.contains("not understood"), "\(unclear.stdout)")
    }
}
