import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// One line of Fixtures/golden.jsonl: a question over some tables and the SQL and restatement it must produce.
struct GoldenCase: Decodable, Sendable, CustomTestStringConvertible {
    var q: String
    var tables: [String]
    /// The construct the case covers (documentation only).
    var construct: String
    var sql: String
    var interpretation: String
    var chart: String?

    var testDescription: String { "\(q) [\(construct)]" }
}

/// Question → plan/SQL pairs kept as data, one test case per line.
@Suite struct GoldenTranslationTests {
    static let cases = FixtureCatalog.lines("golden.jsonl", as: GoldenCase.self)
    let translator = RulesTranslator()

    @Test(arguments: cases)
    func translatesToTheExpectedSQL(_ c: GoldenCase) throws {
        let t = translator.translateNow(c.q, context: TranslationContext(tables: FixtureCatalog.tables(c.tables)))
        #expect(!t.needsClarification, "clarification: \(t.interpretation)")
        #expect(t.sql == c.sql)
        #expect(t.interpretation == c.interpretation)
        if let chart = c.chart { #expect(t.chart?.kind.rawValue == chart) }
        // the plan survives a round trip through JSON (it travels in chat answers and history)
        let plan = try #require(t.plan)
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(QueryPlan.self, from: data) == plan)
    }

    @Test func theFixtureCoversEveryConstructOfTheIssue() {
        let all = Self.cases.map(\.sql).joined(separator: "\n")
        for piece in [
            "count(*)", "count(DISTINCT", "sum(", "avg(", "min(", "max(", "median(", "OVER ()", "FILTER (WHERE",
            "strftime('%Y'", "'-Q'", "strftime('%Y-%m'", "strftime('%Y-W%W'", "date(", " BETWEEN ", " IN (", "instr(lower",
            "(SELECT max(\"order_date\")", " IS NOT ", " >= ", " > ", " < ", "ORDER BY", "LIMIT 3", "rowid",
        ] {
            #expect(all.contains(piece), "no golden case renders \(piece)")
        }
    }
}
