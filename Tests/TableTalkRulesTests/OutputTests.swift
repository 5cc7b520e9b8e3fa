import Testing
import TableTalkCore
import TableTalkRules

/// Restatements in plain English and chart suggestions.
@Suite struct OutputTests {
    let restater = Restater(tables: FixtureCatalog.tables(["staff", "sales"]))

    @Test func restatesTheIssueExample() {
        var plan = QueryPlan(table: "staff", dimensions: [.column("department")], measures: [Measure(.avg, .column("salary"))])
        plan.filters = [PlanFilter(.column("office"), .equals, [.text("Berlin")])]
        #expect(restater.restate(plan) == "Average salary by department, where office is Berlin")
    }

    @Test func restatesRankingsAndRanges() {
        let top = QueryPlan(table: "sales", dimensions: [.column("region")], measures: [Measure(.sum, .column("sales"))],
                            order: [PlanOrder(.measure(0), descending: true)], limit: 3, focus: .dimension(0))
        #expect(restater.restate(top) == "Top 3 regions by total sales")
        var dated = QueryPlan(table: "sales", measures: [.rowCount])
        dated.filters = [PlanFilter(.column("order_date"), .range, [.date("2023-01-01"), .date("2024-01-01")], phrase: "in 2023")]
        #expect(restater.restate(dated) == "Number of rows, 2023 only")
    }

    @Test func chartsFollowTheShapeOfTheResult() {
        let advisor = ChartAdvisor()
        let renderer = SQLRenderer()
        let scalar = QueryPlan(table: "t", measures: [.rowCount])
        #expect(advisor.suggest(for: scalar, columnNames: renderer.outputNames(for: scalar)).kind == .none)
        let series = QueryPlan(table: "t", dimensions: [.bucket("d", .month)], measures: [Measure(.sum, .column("x"))])
        #expect(advisor.suggest(for: series, columnNames: renderer.outputNames(for: series)) == ChartSuggestion(kind: .line, x: "month", y: "total_x"))
        let bars = QueryPlan(table: "t", dimensions: [.column("region")], measures: [Measure(.sum, .column("x"))])
        #expect(advisor.suggest(for: bars, columnNames: renderer.outputNames(for: bars)) == ChartSuggestion(kind: .bar, x: "region", y: "total_x"))
        let list = QueryPlan(table: "t", columns: [.column("name")])
        #expect(advisor.suggest(for: list, columnNames: renderer.outputNames(for: list)).kind == .none)
    }

    @Test func valueIndexFindsValuesCaseAndAccentInsensitively() {
        let index = ValueIndex(values: ["orders": ["country": ["Germany", "Côte d'Ivoire"], "ship_mode": ["Same Day"]]])
        #expect(index.columns(containing: "germany", in: "orders").map(\.stored) == ["Germany"])
        #expect(index.columns(containing: "cote d'ivoire", in: "orders").map(\.column) == ["country"])
        #expect(index.columns(containing: "SAME DAY", in: "orders").map(\.stored) == ["Same Day"])
        #expect(index.columns(containing: "France", in: "orders").isEmpty)
        #expect(index.count(in: "orders") == 3)
    }
}
