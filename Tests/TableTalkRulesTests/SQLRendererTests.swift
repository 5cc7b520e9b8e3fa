import Testing
import TableTalkCore
import TableTalkRules

/// Rendering: identifiers always quoted, values always escaped literals, dialects differ only where they must.
@Suite struct SQLRendererTests {
    let sqlite = SQLRenderer(dialect: SQLiteDialect())
    let trino = SQLRenderer(dialect: TrinoDialect())

    @Test func identifiersAndValuesAreQuotedAndEscaped() throws {
        var plan = QueryPlan(table: #"we"ird"#)
        plan.columns = [.column(#"na"me"#)]
        plan.filters = [PlanFilter(.column("city"), .equals, [.text("O'Hare'; DROP TABLE x; --")])]
        #expect(try sqlite.render(plan) == #"SELECT "na""me" FROM "we""ird" WHERE "city" = 'O''Hare''; DROP TABLE x; --'"#)
    }

    @Test func everyFilterOperatorRenders() throws {
        let ops: [(PlanFilter, String)] = [
            (PlanFilter(.column("a"), .notEquals, [.text("x")]), #""a" IS NOT 'x'"#),
            (PlanFilter(.column("a"), .lessOrEqual, [.integer(3)]), #""a" <= 3"#),
            (PlanFilter(.column("a"), .between, [.real(1.5), .integer(3)]), #""a" BETWEEN 1.5 AND 3"#),
            (PlanFilter(.column("d"), .range, [.date("2023-01-01"), .date("2024-01-01")]), #""d" >= '2023-01-01' AND "d" < '2024-01-01'"#),
            (PlanFilter(.column("a"), .isIn, [.text("x"), .text("y")]), #""a" IN ('x', 'y')"#),
            (PlanFilter(.column("a"), .notIn, [.text("x")]), #"("a" IS NULL OR "a" NOT IN ('x'))"#),
            (PlanFilter(.column("a"), .contains, [.text("50%_")]), #"instr(lower("a"), lower('50%_')) > 0"#),
            (PlanFilter(.column("a"), .isNull), #""a" IS NULL"#),
            (PlanFilter(.datePart("d", .monthOfYear), .equals, [.integer(7)]), #"CAST(strftime('%m', "d") AS INTEGER) = 7"#),
        ]
        for (f, expected) in ops {
            var plan = QueryPlan(table: "t", measures: [.rowCount])
            plan.filters = [f]
            #expect(try sqlite.render(plan) == #"SELECT count(*) AS "count" FROM "t" WHERE "# + expected)
        }
    }

    @Test func measuresShareAndArithmetic() throws {
        var share = QueryPlan(table: "t")
        share.measures = [Measure(.count, condition: [PlanFilter(.column("ok"), .equals, [.integer(1)])], percentOfTotal: true)]
        #expect(try sqlite.render(share) == #"SELECT 100.0 * count(*) FILTER (WHERE "ok" = 1) / NULLIF(count(*), 0) AS "percent" FROM "t""#)

        var diff = QueryPlan(table: "t", arithmetic: .difference)
        diff.measures = [
            Measure(.sum, .column("gold"), condition: [PlanFilter(.column("n"), .equals, [.text("A")])]),
            Measure(.sum, .column("gold"), condition: [PlanFilter(.column("n"), .equals, [.text("B")])]),
        ]
        #expect(try sqlite.render(diff).hasPrefix(#"SELECT sum("gold") FILTER (WHERE "n" = 'A') - sum("gold") FILTER (WHERE "n" = 'B') AS "difference""#))
        #expect(diff.isScalar && diff.focusIndex == 0)
    }

    @Test func tiesAreKeptBySubquery() throws {
        var plan = QueryPlan(table: "t", columns: [.column("name"), .column("age")])
        plan.filters = [PlanFilter(.column("dept"), .equals, [.text("Sales")]), PlanFilter(.column("age"), .equals, [.minimum])]
        #expect(try sqlite.render(plan) == #"SELECT "name", "age" FROM "t" WHERE "dept" = 'Sales' AND "age" = (SELECT min("age") FROM "t" WHERE "dept" = 'Sales')"#)
    }

    @Test func trinoSpellsDatesBucketsAndMedianItsOwnWay() throws {
        var plan = QueryPlan(table: "sales", dimensions: [.bucket("order_date", .month)], measures: [Measure(.median, .column("amount"))])
        plan.filters = [PlanFilter(.column("order_date"), .range, [.date("2023-01-01"), .date("2024-01-01")])]
        #expect(try trino.render(plan) == #"SELECT date_format("order_date", '%Y-%m') AS "month", approx_percentile("amount", 0.5) AS "median_amount" FROM "sales" WHERE "order_date" >= DATE '2023-01-01' AND "order_date" < DATE '2024-01-01' GROUP BY date_format("order_date", '%Y-%m')"#)
    }

    @Test func rowPositionsNeedADialectThatHasThem() {
        let plan = QueryPlan(table: "t", columns: [.column("a")], order: [PlanOrder(.expr(.rowPosition), descending: false)], limit: 1)
        #expect(throws: TableTalkError.self) { try trino.render(plan) }
        #expect((try? sqlite.render(plan)) == #"SELECT "a" FROM "t" ORDER BY rowid ASC NULLS LAST LIMIT 1"#)
    }

    @Test func outputNamesAreUniqueAndFocusPointsAtTheAnswer() {
        let plan = QueryPlan(table: "t", dimensions: [.column("school")], measures: [Measure(.avg, .column("score"))], focus: .dimension(0))
        #expect(sqlite.outputNames(for: plan) == ["school", "avg_score"])
        #expect(plan.focusIndex == 0)
        let two = QueryPlan(table: "t", dimensions: [.column("year"), .bucket("d", .year)])
        #expect(sqlite.outputNames(for: two) == ["year", "year_2"])
    }
}
