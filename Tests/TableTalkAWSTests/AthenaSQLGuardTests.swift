import Foundation
import TableTalkAWS
import TableTalkCore
import Testing

/// The Athena guard on its own: what it lets through (and the exact text it sends) and what it refuses, with the
/// kind and wording of the SQLite guard. Trino's lexical rules are the point: `[` is a subscript (not a quoted
/// name that could hide a subquery), a `--` comment ends at a carriage return, and `U&"…"` names are refused.
@Suite struct AthenaSQLGuardTests {
    let guardian = AthenaSQLGuard(database: "tt_db")

    @Test(arguments: [
        "SELECT * FROM sales",
        "SELECT * FROM tt_db.sales",
        "SELECT * FROM \"tt_db\".\"sales\"",
        "SELECT * FROM AwsDataCatalog.tt_db.sales",
        "SELECT * FROM tt_db . sales",
        "WITH t AS (SELECT region, amount FROM sales) SELECT region, sum(amount) FROM t GROUP BY region",
        "SELECT extract(year FROM s.sold_on) AS y FROM sales s",
        "SELECT substring(s.name FROM 2 FOR 3), trim(BOTH 'x' FROM s.name) FROM sales s",
        "SELECT s.a IS DISTINCT FROM s.b FROM sales s",
        "SELECT tags[1] FROM sales",
        "SELECT 'FROM other.t; DROP TABLE x' AS s FROM sales -- FROM other.t",
        "SELECT * FROM sales a JOIN tt_db.regions b ON a.region = b.region, regions c WHERE a.x IN (1, 2)",
        "SELECT * FROM sales CROSS JOIN UNNEST(tags) AS u(tag)",
        "(SELECT 1) UNION ALL (SELECT 2)",
        "VALUES (1, 'a'), (2, 'b')",
        "SELECT * FROM (VALUES (1, 2), (3, 4)) AS v(a, b)",
        "SELECT * FROM sales WHERE EXISTS (SELECT 1 FROM tt_db.regions r WHERE r.region = sales.region)",
    ])
    func allowsReadsOfTheOwnDatabase(_ sql: String) throws {
        #expect(try guardian.check(sql) == sql.components(separatedBy: " -- ")[0])
    }

    @Test func sendsTheStatementWithoutCommentsOrSemicolonsAroundIt() throws {
        #expect(try guardian.check("  -- why\n/* note */ SELECT 1 AS n /* kept */ FROM sales ;  -- done\n ; ") == "SELECT 1 AS n /* kept */ FROM sales")
    }

    @Test(arguments: [
        ("DROP TABLE sales", "DROP"),
        ("CREATE TABLE copy AS SELECT * FROM sales", "CREATE"),
        ("INSERT INTO sales SELECT * FROM sales", "INSERT"),
        ("UNLOAD (SELECT * FROM sales) TO 's3://bucket/x/' WITH (format = 'CSV')", "UNLOAD"),
        ("MSCK REPAIR TABLE sales", "MSCK"),
        ("EXPLAIN ANALYZE SELECT * FROM sales", "EXPLAIN"),
        ("CALL system.sync_partition_metadata('tt_db', 'sales', 'FULL')", "CALL"),
        ("SET SESSION query_max_run_time = '1h'", "SET"),
        ("USE other", "USE"),
        ("PREPARE p FROM SELECT * FROM other.t", "PREPARE"),
        ("EXECUTE p", "EXECUTE"),
        ("SHOW TABLES IN other", "SHOW"),
        ("DESCRIBE sales", "DESCRIBE"),
        ("ALTER TABLE sales ADD COLUMNS (x int)", "ALTER"),
        ("WITH t AS (SELECT 1) INSERT INTO sales SELECT * FROM t", "INSERT"),
        ("SELECT * FROM sales; DELETE FROM sales", nil),
    ] as [(String, String?)])
    func refusesEverythingButOneRead(_ sql: String, _ named: String?) {
        do {
            _ = try guardian.check(sql)
            Issue.record("allowed: \(sql)")
        } catch let error as TableTalkError {
            if let named {
                #expect(error.kind == .sqlNotAllowed, "\(sql)")
                #expect(error.message.hasPrefix("not allowed: \(named)"), "\(error.message)")
                #expect(error.details["denied"]?.hasPrefix(named) == true)
            } else {
                #expect(error.kind == .multipleStatements)
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        "SELECT * FROM other.t",
        "SELECT * FROM \"other\".t",
        "SELECT * FROM awsdatacatalog.other.t",
        "SELECT * FROM othercatalog.tt_db.sales",
        "SELECT * FROM a.b.c.d",
        "SELECT * FROM information_schema.tables",
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'tt_db'",
        "SELECT * FROM sales, other.t",
        "SELECT * FROM sales s, tt_db.regions r, default.secrets x",
        "SELECT * FROM sales LEFT OUTER JOIN other.t ON true",
        "SELECT * FROM sales WHERE EXISTS (SELECT 1 FROM other.t)",
        "SELECT coalesce((SELECT max(a) FROM other.t), 0) FROM sales",
        "SELECT tags[(SELECT max(a) FROM other.t)] FROM sales",
        "SELECT 1 AS n -- note\r FROM other.t",
        "SELECT * FROM ((other.t))",
        "SELECT * FROM (sales JOIN other.t ON true)",
        "SELECT * FROM other/* gap */.t",
        "SELECT extract(year FROM (SELECT max(d) FROM other.t))",
        "SELECT * FROM U&\"othe\\0072\".t",
        "SELECT * FROM TABLE(system.query(query => 'select 1'))",
        "WITH x AS (SELECT * FROM other.t) SELECT * FROM x",
    ])
    func refusesOtherDatabasesAndTheCatalog(_ sql: String) {
        #expect(throws: TableTalkError.self, "\(sql)") { _ = try guardian.check(sql) }
        do { _ = try guardian.check(sql) } catch let error as TableTalkError {
            #expect(error.kind == .sqlNotAllowed, "\(sql): \(error)")
            #expect(error.message.hasPrefix("not allowed: "))
        } catch {}
    }

    @Test(arguments: [
        ("SELECT 'unterminated FROM sales", TableTalkError.Kind.sqlSyntax),
        ("SELECT * FROM sales /* open", .sqlSyntax),
        ("SELECT * FROM `other`.t", .sqlSyntax),
        ("", .sqlSyntax),
        ("  ;  -- nothing\n", .sqlSyntax),
        ("SELECT 1;\nSELECT 2", .multipleStatements),
        ("SELECT 1\u{0}", .sqlSyntax),
    ])
    func unreadableTextIsRefused(_ sql: String, _ kind: TableTalkError.Kind) {
        do {
            _ = try guardian.check(sql)
            Issue.record("allowed: \(sql)")
        } catch let error as TableTalkError {
            #expect(error.kind == kind, "\(sql): \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func lexerDialectsDifferWhereTrinoAndSQLiteDo() throws {
        let sqlite = try SQLLexer.tokens("SELECT a[x FROM y] -- c\r FROM z")
        let trino = try SQLLexer.tokens("SELECT a[x FROM y] -- c\r FROM z", dialect: .trino)
        #expect(sqlite.map(\.text) == ["SELECT", "a", "x FROM y"])
        #expect(trino.map(\.text) == ["SELECT", "a", "[", "x", "FROM", "y", "]", "FROM", "z"])
        #expect(try SQLLexer.tokens("`a`", dialect: .trino).map(\.text) == ["`", "a", "`"])
    }
}
