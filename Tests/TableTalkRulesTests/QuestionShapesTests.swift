import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// The question shapes of translator v2 over a real SQLite table (`shop.csv`: date, region, product, category,
/// units, unit_price, amount, customer; 12 orders): each answer's numbers were worked out by hand from the file.
@Suite struct QuestionShapesTests {
    static func rows(_ r: QueryResult?) throws -> [[CellValue]] { try #require(r).rows }

    /// "sales", "revenue" reach the money column that sums (`amount`), not the unit price or price × units.
    @Test func moneyWordsReachTheAmountColumn() async throws {
        let ws = try await SQLiteWorkspace.make(["shop.csv"])
        defer { ws.remove() }
        for q in ["total sales by region", "revenue by region", "sum of amount by region", "total amount by region"] {
            let (t, r) = try await ws.ask(q)
            #expect(t.sql?.contains("sum(\"amount\")") == true, "\(q): \(t.sql ?? t.interpretation)")
            let byRegion = Dictionary(uniqueKeysWithValues: try Self.rows(r).map { ($0[0].textValue!, $0[1].number!) })
            #expect(byRegion == ["North": 3260, "South": 3350, "West": 1720, "East": 1500], "\(q)")
        }
        let (avg, r) = try await ws.ask("average amount")
        #expect(avg.interpretation == "Average amount")
        #expect(abs((try Self.rows(r)[0][0].number ?? 0) - 819.1667) < 0.001)
    }

    /// "what share of sales comes from each category": shares of the measure, not of rows.
    @Test func sharesAreOfTheMeasure() async throws {
        let ws = try await SQLiteWorkspace.make(["shop.csv"])
        defer { ws.remove() }
        let (_, r) = try await ws.ask("what share of sales comes from each category")
        let shares = Dictionary(uniqueKeysWithValues: try Self.rows(r).map { ($0[0].textValue!, ($0[1].number! * 100).rounded() / 100) })
        #expect(shares == ["Computers": 73.25, "Furniture": 20.35, "Home": 6.41])
    }

    /// HAVING, per-group top-N, spreads, comparisons and yes/no questions answer with one row per group or side.
    @Test func groupsSidesAndSpreads() async throws {
        let ws = try await SQLiteWorkspace.make(["shop.csv"])
        defer { ws.remove() }
        let (having, r1) = try await ws.ask("which regions have more than 3 orders")
        #expect(having.sql?.contains("HAVING count(*) > 3") == true)
        #expect(try Self.rows(r1).map { $0[0] } == [.text("North")])

        let (perGroup, r2) = try await ws.ask("top 2 amounts in each region")
        #expect(perGroup.plan?.perGroup?.limit == 2)
        let top = try Self.rows(r2).map { [$0[0].textValue!, String(Int($0[1].number!))] }
        #expect(top == [["East", "1200"], ["East", "300"], ["North", "2400"], ["North", "600"], ["South", "2400"], ["South", "800"], ["West", "1200"], ["West", "400"]])

        let (spread, r3) = try await ws.ask("difference between the highest and lowest amount")
        #expect(spread.interpretation == "Highest minus lowest amount")
        #expect(try Self.rows(r3)[0][0].number == 2340)

        for q in ["North vs South total amount", "is the total amount in North higher than in South?"] {
            let (versus, r4) = try await ws.ask(q)
            #expect(versus.plan?.dimensions == [.column("region")], "\(q): \(versus.interpretation)")
            let sides = Dictionary(uniqueKeysWithValues: try Self.rows(r4).map { ($0[0].textValue!, $0[1].number!) })
            #expect(sides == ["North": 3260, "South": 3350], "\(q)")
        }
    }

    /// Negation, substrings, plural value words and calendar units.
    @Test func negationContainsAndCalendar() async throws {
        let ws = try await SQLiteWorkspace.make(["shop.csv"])
        defer { ws.remove() }
        let (_, outside) = try await ws.ask("how many orders outside the West")
        #expect(try Self.rows(outside) == [[.integer(9)]])
        let (contains, r2) = try await ws.ask("customers with 'son' in the name")
        #expect(contains.sql?.contains("instr(lower(\"customer\")") == true)
        #expect(try Self.rows(r2).count == 7)
        let (_, r3) = try await ws.ask("average units of laptops")
        #expect(try Self.rows(r3)[0][0].number == 1.5)
        let (_, r4) = try await ws.ask("how many months of data are there")
        #expect(try Self.rows(r4) == [[.integer(6)]])
        let (month, r5) = try await ws.ask("which month had the highest sales")
        #expect(month.sql?.contains("sum(\"amount\")") == true)
        #expect(try Self.rows(r5)[0][0] == .text("2024-04"))
    }

    /// A longer comparison phrase wins over the shorter one it ends with: "no more than 30" is at most 30.
    @Test func theLongestComparisonPhraseWins() async throws {
        let ws = try await SQLiteWorkspace.make(["shop.csv"])
        defer { ws.remove() }
        for (q, op) in [("orders with amount no more than 150", "<= 150"), ("orders with amount no less than 1000", ">= 1000"),
                        ("orders with amount more than 150", "> 150")] {
            let (t, _) = try await ws.ask(q)
            #expect(t.sql?.contains("\"amount\" \(op)") == true, "\(q): \(t.sql ?? "-")")
        }
    }

    /// Words nobody can place make a clarification that names them; the product never guesses.
    @Test func unplacedWordsAreNamed() async throws {
        let ws = try await SQLiteWorkspace.make(["shop.csv"])
        defer { ws.remove() }
        for (q, word) in [("what is the meaning of life", "life"), ("which customer is the happiest?", "happiest"), ("total takings by region", "takings")] {
            let (t, r) = try await ws.ask(q)
            #expect(t.needsClarification, "\(q): \(t.interpretation)")
            #expect(r == nil)
            #expect(t.interpretation.lowercased().contains(word), "\(q): \(t.interpretation)")
        }
    }
}
