import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// A user's own names for columns ("revenue" for `amount`) are read like the column's name, per table, and the
/// restatement says which name was used.
@Suite struct ColumnAliasTests {
    let translator = RulesTranslator()

    static let sales = TableInfo(
        name: "sales", sourceFile: "sales.csv", rowCount: 8,
        columns: [
            ColumnInfo(name: "region", label: "Region", type: .text, examples: ["North"], distinctValues: ["North", "South", "East", "West"], distinctCount: 4),
            ColumnInfo(name: "amount", label: "Amount", type: .integer, examples: ["120", "75"], distinctCount: 8),
            ColumnInfo(name: "order_date", label: "Order Date", type: .date, examples: ["2024-03-01"], distinctCount: 8),
        ],
        createdAt: Date(timeIntervalSince1970: 0))

    static let staff = TableInfo(
        name: "staff", sourceFile: "staff.csv", rowCount: 5,
        columns: [
            ColumnInfo(name: "name", label: "Name", type: .text, examples: ["Ann"], distinctCount: 5),
            ColumnInfo(name: "department", label: "Department", type: .text, examples: ["IT"], distinctValues: ["IT", "HR"], distinctCount: 2),
            ColumnInfo(name: "salary", label: "Salary", type: .integer, examples: ["50000"], distinctCount: 5),
        ],
        createdAt: Date(timeIntervalSince1970: 0))

    func ask(_ q: String, _ aliases: [String: [String: [String]]] = [:], tables: [TableInfo] = [sales]) -> Translation {
        translator.translateNow(q, context: TranslationContext(tables: tables, columnAliases: aliases))
    }

    @Test func aNameReadsLikeTheColumnAndTheRestatementSaysSo() throws {
        let t = ask("revenue by region", ["sales": ["amount": ["revenue", "sales"]]])
        #expect(!t.needsClarification)
        let sql = try #require(t.sql)
        #expect(sql.contains("sum(\"amount\")") && sql.contains("GROUP BY \"region\""), "\(sql)")
        #expect(t.interpretation == "Total amount (you call it revenue) by region")
    }

    @Test func aNameScoresLikeTheColumnsOwnName() {
        let own = ask("total salary by department", tables: [Self.staff])
        // "package" is no money word of the lexicon, so only the user's name links it
        let named = ask("total package by department", ["staff": ["salary": ["package"]]], tables: [Self.staff])
        #expect(own.sql != nil && named.sql == own.sql)
        #expect(named.interpretation == "Total salary (you call it package) by department")
        #expect(ask("total package by department", tables: [Self.staff]).sql != own.sql)
    }

    @Test func withoutTheNameTheWordIsNotReadAsTheColumn() {
        // "revenue" is a money word (it reaches `amount` through the lexicon's roles); "takings" is not
        let t = ask("takings by region")
        #expect(t.sql?.contains("\"amount\"") != true)
        #expect(!t.interpretation.contains("you call it"))
    }

    @Test func namesAreStemmedAndMayHaveSeveralWords() throws {
        let aliases = ["sales": ["amount": ["net takings", "turnover"]]]
        let plural = ask("average turnovers by region", aliases)
        #expect(plural.sql?.contains("avg(\"amount\")") == true, "\(plural.sql ?? plural.interpretation)")
        #expect(plural.interpretation == "Average amount (you call it turnover) by region")
        let phrase = ask("total net takings by region", aliases)
        #expect(phrase.sql?.contains("sum(\"amount\")") == true, "\(phrase.sql ?? phrase.interpretation)")
        #expect(phrase.interpretation.contains("(you call it net takings)"))
    }

    @Test func aNameBelongsToItsTableOnly() {
        let aliases = ["sales": ["amount": ["revenue"]]]
        let onStaff = ask("revenue by department", aliases, tables: [Self.staff])
        #expect(onStaff.sql?.contains("amount") != true)
        let both = ask("revenue by region", aliases, tables: [Self.sales, Self.staff])
        #expect(both.sql?.contains("sum(\"amount\")") == true)
        #expect(both.plan?.table == "sales")
    }

    @Test func aGroupingReachedByItsNameIsNamedToo() throws {
        let t = ask("average salary by team", ["staff": ["department": ["team"]]], tables: [Self.staff])
        #expect(t.sql?.contains("GROUP BY \"department\"") == true, "\(t.sql ?? t.interpretation)")
        #expect(t.interpretation == "Average salary by department (you call it team)")
    }
}
