import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// Questions over real SQLite tables loaded from CSV by the SQLite adapter: the SQL runs and the numbers are right.
@Suite struct EndToEndSQLiteTests {
    @Test func answersOverARealTable() async throws {
        let ws = try await SQLiteWorkspace.make(["orders.csv", "medals.csv"])
        defer { ws.remove() }

        let (byRegion, r1) = try await ws.ask("total revenue by region")
        #expect(byRegion.chart?.kind == .bar)
        let totals = Dictionary(uniqueKeysWithValues: try #require(r1).rows.map { ($0[0].textValue!, $0[1].number!) })
        #expect(totals == ["North": 1697.5, "South": 1652.5, "East": 1607.5, "West": 1762.5])

        let (_, r2) = try await ws.ask("how many orders from Germany?")
        #expect(try #require(r2).rows == [[.integer(15)]])

        let (_, r3) = try await ws.ask("how many orders were placed in 2023?")
        #expect(try #require(r3).rows == [[.integer(42)]])

        let (_, r4) = try await ws.ask("total qty for Same Day shipping")
        #expect(try #require(r4).rows.first?.first?.number == 80)

        let (lastQuarter, r5) = try await ws.ask("total revenue last quarter")
        #expect(lastQuarter.interpretation.contains("last quarter"))
        #expect(try #require(r5).rows.first?.first?.number == 982)
    }

    @Test func superlativesReturnOnlyTheTopRowAndSkipTotals() async throws {
        let ws = try await SQLiteWorkspace.make(["medals.csv"])
        defer { ws.remove() }
        let (t, r) = try await ws.ask("which nation won the most silver medals?")
        let rows = try #require(r).rows
        #expect(rows.count == 1)
        #expect(rows[0][t.plan!.focusIndex] == .text("United States"))

        let (_, diff) = try await ws.ask("how many more gold medals did China win than Japan?")
        #expect(try #require(diff).rows.first?.first?.number == 5)

        let (_, pair) = try await ws.ask("who won more bronze medals, France or Germany?")
        #expect(try #require(pair).rows.first?.first == .text("France"))

        let (_, next) = try await ws.ask("which nation is listed after Japan?")
        #expect(try #require(next).rows == [[.text("France")]])

        let (_, better) = try await ws.ask("how many nations won more gold medals than Japan?")
        #expect(try #require(better).rows == [[.integer(3)]])
    }

    @Test func followUpsRunToo() async throws {
        let ws = try await SQLiteWorkspace.make(["orders.csv"])
        defer { ws.remove() }
        let (first, _) = try await ws.ask("total revenue in Germany")
        let (second, r) = try await ws.ask("what about Canada?", previous: first.plan)
        #expect(second.interpretation.contains("Canada"))
        #expect(try #require(r).rows.count == 1)
        let (third, monthly) = try await ws.ask("by month instead", previous: second.plan)
        #expect(third.chart?.kind == .line)
        #expect(try #require(monthly).rows.count > 3)
    }

    @Test func injectionAttemptsNeverReachTheDatabase() async throws {
        let ws = try await SQLiteWorkspace.make(["orders.csv"])
        defer { ws.remove() }
        for q in ["'; DROP TABLE orders; --", "delete all rows", "revenue for country \"x'); DROP TABLE orders; --\""] {
            let (t, _) = try await ws.ask(q)
            #expect(t.sql == nil || !t.sql!.contains("DROP TABLE orders;"))
        }
        let (_, r) = try await ws.ask("how many orders are there?")
        #expect(try #require(r).rows == [[.integer(60)]])
    }
}
