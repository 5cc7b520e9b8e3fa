import Foundation
import Testing
import TableTalkApp
import TableTalkCore

/// `tabletalk ask` end to end through real adapters: CSV → temporary SQLite workspace → translator → SQL → output.
@Suite struct AskRunnerTests {
    /// A small CSV written to a temporary file.
    static func csv(_ name: String, _ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ask-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let scores = """
        Student,School,Math Score,Enrolled On
        Ada,Hillcrest,91,2021-09-01
        Ben,Hillcrest,78,2022-09-01
        Cy,Oakwood Prep,88,2021-09-01
        Di,Oakwood Prep,95,2023-09-01
        Ed,Riverside,70,2022-09-01
        """

    func json(_ out: AskOutput) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonFormatPrintsOneObjectWithSQLInterpretationColumnsAndRows() async throws {
        let file = try Self.csv("Class Scores.csv", Self.scores)
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let out = await runner.run(question: "average math score by school", csvFiles: [file], format: .json)
        #expect(out.exitCode == 0)
        #expect(out.stdout.hasSuffix("}\n") && out.stdout.filter { $0 == "\n" }.count == 1)
        let obj = try json(out)
        #expect(obj["sql"] as? String == #"SELECT "school", avg("math_score") AS "avg_math_score" FROM "class_scores" GROUP BY "school""#)
        #expect(obj["interpretation"] as? String == "Average math score by school")
        #expect(obj["columns"] as? [String] == ["school", "avg_math_score"])
        let rows = try #require(obj["rows"] as? [[Any]])
        #expect(rows.count == 3)
        // the user's file is only read
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func valuesFormatPrintsTheAnswerColumnOnly() async throws {
        let file = try Self.csv("scores.csv", Self.scores)
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let top = await runner.run(question: "which school has the highest average math score?", csvFiles: [file], format: .values)
        #expect(top.stdout == "[\"Oakwood Prep\"]\n")
        let count = await runner.run(question: "how many students enrolled in 2021?", csvFiles: [file], format: .values)
        #expect(count.stdout == "[2]\n")
        let avg = await runner.run(question: "average math score", csvFiles: [file], format: .values)
        #expect(avg.stdout == "[84.4]\n")
    }

    @Test func clarificationsAndErrorsAreJSONToo() async throws {
        let file = try Self.csv("scores.csv", Self.scores)
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let unclear = await runner.run(question: "delete all rows", csvFiles: [file], format: .json)
        #expect(unclear.exitCode == 2)
        let obj = try json(unclear)
        #expect((obj["error"] as? String)?.contains("only reads") == true)
        #expect((obj["suggestions"] as? [String])?.isEmpty == false)
        #expect(obj["sql"] == nil)

        let missing = await runner.run(question: "average math score", csvFiles: [URL(fileURLWithPath: "/nonexistent/x.csv")], format: .json)
        #expect(missing.exitCode == 1)
        #expect(try json(missing)["error"] != nil)

        let values = await runner.run(question: "", csvFiles: [file], format: .values)
        #expect(values.stdout == "[]\n")
        #expect(values.exitCode == 2)
        #expect(values.stderr?.isEmpty == false)
    }

    @Test func textFormatShowsTheRestatementTheSQLAndATable() async throws {
        let file = try Self.csv("scores.csv", Self.scores)
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        let out = await runner.run(question: "students at Hillcrest", csvFiles: [file], format: .text)
        #expect(out.exitCode == 0)
        #expect(out.stdout.hasPrefix("Student, where school is Hillcrest\nSQL: SELECT"))
        #expect(out.stdout.contains("Ada"))
        #expect(out.stdout.contains("(2 rows)"))
    }

    @Test func withoutFilesItAsksTheTablesAlreadyThere() async throws {
        let file = try Self.csv("scores.csv", Self.scores)
        let runner = try AskRunner.temporary()
        defer { runner.removeWorkspace() }
        _ = await runner.run(question: "how many rows?", csvFiles: [file], format: .json)
        let out = await runner.run(question: "how many students are there?", csvFiles: [], format: .values)
        #expect(out.stdout == "[5]\n")
    }

    @Test func tableNamesAreSnakeCasedFileStems() {
        #expect(AskRunner.tableName(for: URL(fileURLWithPath: "/x/Sales 2024.csv")) == "sales_2024")
        #expect(AskRunner.tableName(for: URL(fileURLWithPath: "/x/591.csv")) == "t_591")
        #expect(AskRunner.tableName(for: URL(fileURLWithPath: "/x/Ünïcode-Name.tsv")) == "ünïcode_name")
    }
}
