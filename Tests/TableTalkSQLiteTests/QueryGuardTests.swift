import Foundation
import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// The guard, enforced by SQLite itself: every escape attempt fails with its documented error.
@Suite struct QueryGuardTests {
    let wb = Workbench()

    init() async throws {
        try await wb.ingest("id,name\n1,a\n2,b\n", table: "t")
    }

    func expectFailure(_ sql: String, _ kinds: Set<TableTalkError.Kind>, timeout: Duration = .seconds(10)) async {
        do {
            _ = try await wb.engine.run(sql, for: .local, options: QueryOptions(timeout: timeout), cancellation: nil)
            Issue.record("expected \(kinds) for \(sql)")
        } catch let e as TableTalkError {
            #expect(kinds.contains(e.kind), "\(sql): \(e)")
        } catch {
            Issue.record("\(sql): unexpected \(error)")
        }
    }

    @Test(arguments: [
        "ATTACH DATABASE '/tmp/tt-evil.sqlite' AS evil",
        "DETACH DATABASE main",
        "PRAGMA writable_schema=1",
        "PRAGMA journal_mode",
        "INSERT INTO t VALUES (3, 'c')",
        "UPDATE t SET name = 'x'",
        "DELETE FROM t",
        "REPLACE INTO t VALUES (1, 'z')",
        "CREATE TABLE x(a)",
        "CREATE TEMP TABLE x(a)",
        "CREATE TEMP VIEW v AS SELECT 1",
        "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END",
        "CREATE INDEX i ON t(name)",
        "DROP TABLE t",
        "ALTER TABLE t RENAME TO u",
        "SELECT load_extension('x')",
        "SELECT * FROM sqlite_master",
        "SELECT count(*) FROM sqlite_schema",
        "SELECT * FROM sqlite_temp_master",
        "SELECT * FROM _tabletalk_catalog",
        "SELECT value FROM _tabletalk_meta",
        "SELECT * FROM pragma_table_info('t')",
        "SELECT name FROM pragma_database_list",
        "BEGIN",
        "VACUUM",
        "ANALYZE",
        "REINDEX",
        "SAVEPOINT s",
        "SELECT * FROM json_each('[1,2]')",
        "SELECT * FROM dbstat",
        "WITH x AS (SELECT 1) SELECT * FROM sqlite_master",
        "SELECT * FROM (SELECT name FROM sqlite_master)",
        "SELECT (SELECT count(*) FROM _tabletalk_catalog)",
    ])
    func denied(_ sql: String) async {
        await expectFailure(sql, [.sqlNotAllowed])
    }

    @Test func deniedMessageNamesWhatWasDenied() async throws {
        do {
            _ = try await wb.engine.run("SELECT * FROM sqlite_master", for: .local, options: QueryOptions(), cancellation: nil)
        } catch let e as TableTalkError {
            #expect(e.kind == .sqlNotAllowed)
            #expect(e.message.contains("sqlite_master"))
        }
    }

    @Test(arguments: [
        ("SELECT * FROM json_each('[1]')", "json_each"), ("SELECT * FROM pragma_table_info('t')", "pragma_table_info"),
        ("SELECT * FROM dbstat", "dbstat"), ("DROP TABLE t", "DROP TABLE"), ("CREATE TABLE x(a)", "CREATE TABLE"),
        ("CREATE TEMP VIEW v AS SELECT 1", "CREATE VIEW"), ("ALTER TABLE t RENAME TO u", "ALTER TABLE"),
        ("CREATE UNIQUE INDEX i ON t(name)", "CREATE INDEX"), ("DELETE FROM t", "DELETE from t"),
    ])
    func refusalsNameWhatWasRefusedNotSQLitesBookkeeping(_ sql: String, _ named: String) async throws {
        do {
            _ = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil)
            Issue.record("\(sql) ran")
        } catch let e as TableTalkError {
            #expect(e.kind == .sqlNotAllowed)
            #expect(e.message.contains(named), "\(sql): \(e.message)")
            #expect(!e.message.contains("sqlite_master"), "\(sql): \(e.message)")
        }
    }

    @Test func fileFunctionsAreUnavailable() async {
        await expectFailure("SELECT readfile('/etc/passwd')", [.sqlNotAllowed, .sqlSyntax])
        await expectFailure("SELECT writefile('/tmp/x', 'y')", [.sqlNotAllowed, .sqlSyntax])
        await expectFailure("SELECT fts3_tokenizer('simple')", [.sqlNotAllowed, .sqlSyntax])
    }

    @Test func oneStatementOnly() async throws {
        await expectFailure("SELECT 1; SELECT 2", [.multipleStatements])
        await expectFailure("SELECT * FROM t; DROP TABLE t", [.multipleStatements])
        let ok = try await wb.engine.run(
            "SELECT count(*) FROM t; -- trailing comment\n /* block */ ;", for: .local, options: QueryOptions(),
            cancellation: nil)
        #expect(ok.rows == [[.integer(2)]])
    }

    @Test func syntaxAndUnknownNames() async {
        await expectFailure("SELEC 1", [.sqlSyntax])
        await expectFailure("SELECT * FROM nope", [.tableNotFound])
        await expectFailure("SELECT nope FROM t", [.columnNotFound])
        await expectFailure("SELECT \"nope\" FROM t", [.columnNotFound])
    }

    @Test func infiniteRecursiveCTETimesOut() async {
        let elapsed = await ContinuousClock().measure {
            await expectFailure(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                [.queryTimeout], timeout: .milliseconds(200))
        }
        #expect(elapsed < .seconds(5))
    }

    @Test func cancellationInterruptsARunningQuery() async throws {
        let flag = CancellationFlag()
        let engine = wb.engine
        let task = Task {
            try await engine.run(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", for: .local,
                options: QueryOptions(timeout: .seconds(60)), cancellation: flag)
        }
        flag.cancel()
        await #expect { try await task.value } throws: { ($0 as? TableTalkError)?.kind == .queryCancelled }
    }

    @Test func taskCancellationInterruptsTooAndTheEngineKeepsWorking() async throws {
        let engine = wb.engine
        let task = Task {
            try await engine.run(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", for: .local,
                options: QueryOptions(timeout: .seconds(60)), cancellation: nil)
        }
        task.cancel()
        await #expect { try await task.value } throws: { ($0 as? TableTalkError)?.kind == .queryCancelled }
        #expect(try await wb.rows("SELECT count(*) FROM t") == [[.integer(2)]])
    }

    @Test func principalsCannotSeeEachOther() async throws {
        let alice = Principal("alice")
        let bob = Principal("bob")
        try await wb.ingest("secret\n42\n", table: "vault", principal: alice)
        #expect(try await wb.rows("SELECT secret FROM vault", principal: alice) == [[.integer(42)]])
        #expect(try await wb.engine.tables(for: bob).isEmpty)
        do {
            _ = try await wb.rows("SELECT secret FROM vault", principal: bob)
            Issue.record("bob read alice's table")
        } catch let e as TableTalkError {
            #expect(e.kind == .tableNotFound)
        }
        await #expect(throws: TableTalkError.self) { try await wb.engine.describe(table: "vault", for: bob) }
    }

    @Test func lookalikePrincipalIdsGetSeparateDatabases() async throws {
        try await wb.ingest("v\n1\n", table: "mine", principal: Principal("alice.smith"))
        #expect(try await wb.engine.tables(for: Principal("alice_smith")).isEmpty)
    }

    @Test func harmlessFunctionsCTEsAndSubqueriesWork() async throws {
        let rows = try await wb.rows(
            """
            WITH named AS (SELECT id, upper(name) AS u FROM main.t)
            SELECT u, length(u), json_array_length('[1,2,3]'), (SELECT count(*) FROM (SELECT id FROM t) s)
            FROM named ORDER BY id
            """)
        #expect(rows == [[.text("A"), .integer(1), .integer(3), .integer(2)], [.text("B"), .integer(1), .integer(3), .integer(2)]])
        let counted = try await wb.rows(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) SELECT count(*), sum(x) FROM c")
        #expect(counted == [[.integer(5), .integer(15)]])
    }
}
