import Foundation
import Testing
import TableTalkCore
import TableTalkRules
import TableTalkSQLite

/// Every starter question the product offers (``RulesTranslator/suggestions(for:limit:)``, shown as the UI's
/// "Try:" chips through `chat.suggest` and in clarifications) is translated and run on the table it is offered
/// for: none may decline, come back empty, or answer only zeros.
@Suite struct StarterSuggestionTests {
    /// Business-like tables of the shared CSV corpus (Tests/Fixtures/csv) and of this target.
    static let corpus = ["basic_types.csv", "low_cardinality.csv", "thousands_separators.csv", "currency.csv", "percent.csv", "us_dates.csv", "european_numbers.csv"]
    static let local = ["orders.csv", "medals.csv", "sales_2023_2024.csv"]

    static func corpusURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/csv/\(name)")
    }

    @Test(arguments: corpus.map(corpusURL) + local.map { FixtureCatalog.url("csv/\($0)") })
    func everySuggestionAnswersOnItsTable(_ file: URL) async throws {
        let ws = try await SQLiteWorkspace.make(urls: [file])
        defer { ws.remove() }
        let table = try #require(ws.tables.first)
        let questions = ws.translator.suggestions(for: table)
        #expect(!questions.isEmpty, "no suggestions for \(table.name)")
        for q in questions { try await Self.expectAnswered(q, table: table.name, in: ws) }
    }

    @Test func withTwoTablesEachTablesSuggestionsAnswerWithBothLoaded() async throws {
        let ws = try await SQLiteWorkspace.make(urls: [FixtureCatalog.url("csv/sales_2023.csv"), FixtureCatalog.url("csv/sales_2024.csv")])
        defer { ws.remove() }
        #expect(ws.tables.count == 2)
        for table in ws.tables {
            let questions = ws.translator.suggestions(for: table)
            #expect(questions.count >= 2, "\(table.name)")
            // a suggestion shown with both tables loaded is asked with both loaded: it must name its table or fit it alone
            for q in questions {
                let (t, _) = try await ws.ask(q)
                if t.needsClarification {
                    // the clarification offers the tables; the choice for this table must answer
                    let choice = try #require(t.suggestions.first { $0.hasSuffix(" in \(table.name)") }, "\(q): \(t.interpretation)")
                    try await Self.expectAnswered(choice, table: table.name, in: ws)
                } else {
                    try await Self.expectAnswered(q, table: table.name, in: ws)
                }
            }
        }
    }

    @Test func clarificationSuggestionsAnswerToo() async throws {
        let ws = try await SQLiteWorkspace.make(urls: [FixtureCatalog.url("csv/orders.csv")])
        defer { ws.remove() }
        let (t, _) = try await ws.ask("what is the meaning of life")
        #expect(t.needsClarification)
        #expect(!t.suggestions.isEmpty)
        for q in t.suggestions { try await Self.expectAnswered(q, table: "orders", in: ws) }
    }

    static func expectAnswered(_ q: String, table: String, in ws: SQLiteWorkspace) async throws {
        let (t, result) = try await ws.ask(q)
        #expect(!t.needsClarification, "“\(q)” declined: \(t.interpretation)")
        #expect(t.plan?.table == table, "“\(q)” read from \(t.plan?.table ?? "-")")
        let r = try #require(result, "“\(q)” ran nothing")
        #expect(r.rowCount > 0, "“\(q)” is empty: \(t.sql ?? "")")
        let numbers = r.rows.flatMap { $0 }.compactMap(\.number)
        #expect(numbers.isEmpty || numbers.contains { $0 != 0 }, "“\(q)” answers only zeros: \(t.sql ?? "")")
    }
}
