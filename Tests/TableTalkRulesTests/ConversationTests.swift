import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// A question complete on its own starts a new plan; only fragments edit the previous one; a follow-up with words
/// nobody understood is a clarification. Table names (digits included) select their table.
@Suite struct ConversationTests {
    let translator = RulesTranslator()

    @Test func aCompleteQuestionKeepsNothingOfThePreviousPlan() async throws {
        let ws = try await SQLiteWorkspace.make(["sales_2023_2024.csv"])
        defer { ws.remove() }
        let (first, _) = try await ws.ask("total units of Laptop Pro 14 in West")
        #expect(first.plan?.filters.isEmpty == false)
        let (second, result) = try await ws.ask("total revenue in Q4 2024", previous: first.plan)
        let plan = try #require(second.plan)
        #expect(!second.needsClarification)
        #expect(plan.filters.allSatisfy { $0.expr.column == "order_date" }, "\(plan.filters)")
        #expect(plan.limit == nil)
        #expect(second.sql?.contains("West") == false)
        #expect(second.sql?.contains("Laptop") == false)
        let total = try #require(result?.rows.first?.first?.number)
        #expect(total > 0)
    }

    @Test(arguments: ["only 2023", "by month instead", "top 2", "sort ascending", "what about West"])
    func aFragmentEditsThePreviousPlan(_ fragment: String) async throws {
        let ws = try await SQLiteWorkspace.make(["sales_2023_2024.csv"])
        defer { ws.remove() }
        let (first, _) = try await ws.ask("total revenue by region")
        let (second, result) = try await ws.ask(fragment, previous: first.plan)
        let plan = try #require(second.plan, "\(second.interpretation)")
        #expect(!second.needsClarification)
        #expect(plan.measures.first?.aggregate == .sum)
        #expect(plan.measures.first?.expr == .column("revenue"))
        #expect(plan != first.plan)
        #expect((result?.rowCount ?? 0) > 0)
    }

    @Test func aFollowUpWithUnknownWordsIsAClarificationNotAnEdit() async throws {
        let ws = try await SQLiteWorkspace.make(["sales_2023_2024.csv"])
        defer { ws.remove() }
        let (first, _) = try await ws.ask("average revenue by region")
        let (second, result) = try await ws.ask("what is the meaning of life", previous: first.plan)
        #expect(second.needsClarification)
        #expect(second.sql == nil)
        #expect(result == nil)
        #expect(second.understood.contains { $0.kind == .unknown && $0.text.lowercased() == "life" })
    }

    @Test(arguments: ["how many rows are in sales 2023 2024", "how many rows are in sales_2023_2024", "How many rows are in Sales 2023-2024?"])
    func digitsOfATableNameAreNotYears(_ question: String) async throws {
        let ws = try await SQLiteWorkspace.make(["sales_2023_2024.csv"])
        defer { ws.remove() }
        let (t, result) = try await ws.ask(question)
        #expect(t.plan?.filters == [], "\(t.sql ?? t.interpretation)")
        #expect(result?.rows.first?.first?.number == 40)
        #expect(t.understood.contains { $0.kind == .table && $0.meaning == "sales_2023_2024" })
    }

    @Test func withTwoTablesTheClarificationOffersTheTablesAndEachChoiceAnswers() async throws {
        let ws = try await SQLiteWorkspace.make(["sales_2023.csv", "sales_2024.csv"])
        defer { ws.remove() }
        let (t, _) = try await ws.ask("total revenue by region?")
        #expect(t.needsClarification)
        #expect(t.interpretation == "Which table do you mean: sales_2023 or sales_2024?")
        #expect(t.suggestions == ["total revenue by region in sales_2023", "total revenue by region in sales_2024"])
        for (choice, table) in zip(t.suggestions, ["sales_2023", "sales_2024"]) {
            let (answer, result) = try await ws.ask(choice)
            #expect(answer.plan?.table == table, "\(choice)")
            #expect(answer.plan?.filters == [], "\(choice): \(answer.sql ?? answer.interpretation)")
            #expect((result?.rowCount ?? 0) == 4, "\(choice)")
        }
    }

    @Test func aTableNamedInTheQuestionSelectsIt() async throws {
        let ws = try await SQLiteWorkspace.make(["sales_2023.csv", "sales_2024.csv"])
        defer { ws.remove() }
        for (q, table) in [("how many rows are in sales 2024", "sales_2024"), ("total units in sales_2023", "sales_2023"), ("average revenue by product from Sales 2024", "sales_2024")] {
            let (t, result) = try await ws.ask(q)
            #expect(t.plan?.table == table, "\(q): \(t.interpretation)")
            #expect(t.plan?.filters == [], "\(q): \(t.sql ?? "")")
            #expect((result?.rowCount ?? 0) > 0, "\(q)")
        }
    }
}
