import Foundation
import Testing
import TableTalkApp
import TableTalkCore

/// Names in a text column with thousands of distinct values, on a table of more than 50,000 rows, are found:
/// the value index reads every text column's distinct values (bounded), not only the catalog's samples.
@Suite struct BigTableValuesTests {
    @Test func aNameInABigTableIsLinked() async throws {
        var text = "id,customer,amount\n"
        for i in 0..<60_000 { text += "\(i),Customer \(i % 3000),\(i % 97)\n" }
        text += "60000,Zanzibar Trading,1000\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let out = await runner.run(question: "total amount for Zanzibar Trading", csvFiles: [url], format: .json)
        #expect(out.exitCode == 0, "\(out.stdout)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect((obj["sql"] as? String)?.contains("'Zanzibar Trading'") == true, "\(obj)")
        #expect((obj["rows"] as? [[Any]])?.first?.first as? Int == 1000)
    }
}
