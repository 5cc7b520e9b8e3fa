import Foundation
import Testing
import TableTalkCore
@testable import TableTalkLLM

/// The check of a model's SQL must not refuse ordinary reads (each of these also runs in SQLite) and must say
/// precisely what is wrong with the others.
@Suite struct SQLCheckTests {
    static let readable = [
        "SELECT region, SUM(amount) AS total FROM sales GROUP BY region ORDER BY total DESC LIMIT 2",
        "select count(*) n from sales",
        "SELECT s.region, s.amount FROM sales AS s WHERE s.year = 2024",
        "SELECT a.region, b.amount FROM sales a JOIN sales b ON a.customer = b.customer",
        "WITH t AS (SELECT region, amount FROM sales) SELECT region, MAX(amount) FROM t GROUP BY region",
        "WITH totals(r, v) AS (SELECT region, SUM(amount) FROM sales GROUP BY region) SELECT r, v FROM totals WHERE v > 100",
        "SELECT x.region FROM (SELECT region, amount FROM sales) AS x WHERE x.amount > 80",
        "SELECT region FROM (SELECT region FROM sales) sub",
        "SELECT \"region\", CAST(amount AS REAL) / 2 AS half FROM \"sales\"",
        "SELECT region FROM sales WHERE region = 'West' COLLATE NOCASE",
        "SELECT CASE WHEN amount > 100 THEN 'big' ELSE 'small' END size, COUNT(*) FROM sales GROUP BY size",
        "SELECT region, amount, RANK() OVER (PARTITION BY region ORDER BY amount DESC) AS r FROM sales",
        "SELECT region FROM sales WHERE amount IS NOT DISTINCT FROM 100",
        "SELECT strftime('%Y', 'now'), upper(region), replace(region, 'W', 'w') FROM sales",
        "SELECT region FROM sales WHERE customer LIKE 'A%' AND year BETWEEN 2023 AND 2024 AND amount IN (100, 250)",
        "SELECT * FROM sales -- all of it",
        "SELECT region, AVG(amount) FROM sales GROUP BY 1 HAVING AVG(amount) > 50 ORDER BY 2",
        "SELECT COUNT(DISTINCT region) FROM sales;",
        "SELECT sales.region FROM sales",
        "SELECT s.* FROM sales s",
    ]

    @Test func ordinaryReadsPassAndRun() async throws {
        let ws = try await LLMWorkspace.make()
        defer { ws.remove() }
        let check = SQLCheck(tables: try await ws.context().tables)
        for sql in Self.readable {
            let checked: String
            do { checked = try check.check(sql) } catch {
                Issue.record("refused \(sql): \(error)")
                continue
            }
            _ = try await ws.run(checked)
        }
    }

    @Test func theStatementComesBackWithoutCommentsOrSemicolons() throws {
        let check = SQLCheck(tables: [Self.sales])
        #expect(try check.check("  -- note\nSELECT region FROM sales; -- done\n") == "SELECT region FROM sales")
        #expect(try check.check("/* a */ SELECT 'a;b' FROM sales ;;") == "SELECT 'a;b' FROM sales")
    }

    @Test(arguments: [
        ("SELECT region, revenue FROM sales", SQLProblem.unknownColumn("revenue", known: ["amount", "region"])),
        ("SELECT s.revenue FROM sales s", .unknownColumn("s.revenue", known: ["region", "amount"])),
        ("SELECT region FROM sales WHERE region = \"West\"", .unknownColumn("West", known: ["amount", "region"])),
        ("SELECT * FROM customers", .unknownTable("customers")),
        ("SELECT x.region FROM sales", .unknownTable("x")),
        ("", .noStatement),
        ("  ;  ", .noStatement),
        ("SELECT 'unterminated FROM sales", .unreadable("string")),
        ("EXPLAIN SELECT 1", .notRead("EXPLAIN")),
        ("VACUUM", .notRead("VACUUM")),
        ("REPLACE INTO sales VALUES (1, 2)", .notRead("REPLACE")),
        ("SELECT 1 FROM sales; SELECT 2", .multipleStatements),
        ("SELECT sqlite_version()", .deniedFunction("sqlite_version")),
        ("SELECT fts3_tokenizer('simple')", .deniedFunction("fts3_tokenizer")),
    ])
    func problemsAreNamed(sql: String, problem: SQLProblem) {
        #expect(throws: problem) { try SQLCheck(tables: [Self.sales]).check(sql) }
    }

    static let sales = TableInfo(
        name: "sales", sourceFile: "sales.csv", rowCount: 4,
        columns: [ColumnInfo(name: "region", label: "Region", type: .text), ColumnInfo(name: "amount", label: "Amount", type: .integer)],
        createdAt: Date(timeIntervalSince1970: 0))

    @Test func modelAnswerReadsTheFixedFormatFencesAndProse() {
        let fixed = ModelAnswer(reply: "MEANING: Total by region\n```sql\nSELECT 1\n```")
        #expect(fixed.meaning == "Total by region")
        #expect(fixed.sql == ["SELECT 1"])
        let two = ModelAnswer(reply: "```sql\nSELECT 1\n```\nor\n```sql\nSELECT 2\n```")
        #expect(two.sql.count == 2)
        let prose = ModelAnswer(reply: "Use this query with care:\nWITH t AS (SELECT 1) SELECT * FROM t\n\nIt works.")
        #expect(prose.sql == ["WITH t AS (SELECT 1) SELECT * FROM t"])
        let withOutput = ModelAnswer(reply: "```sql\nSELECT 1\n```\nExpected output:\n```\n| n |\n| 1 |\n```")
        #expect(withOutput.sql == ["SELECT 1"], "an output block is not a second statement")
        let untagged = ModelAnswer(reply: "```\nSELECT 1\n```\n```text\nDROP TABLE sales\n```")
        #expect(untagged.sql == ["SELECT 1", "DROP TABLE sales"], "an untagged write is still seen")
        let clarify = ModelAnswer(reply: "CLARIFY: which year?\n")
        #expect(clarify.clarification == "which year?")
        #expect(clarify.sql.isEmpty)
    }
}
