import Foundation
import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// Single expensive statements ("bombs") are stopped by the cost bounds of ``QueryLimits`` and the deadline,
/// quickly and with a clear error, and the engine keeps answering other queries meanwhile. Time bounds are loose
/// (the suite runs in parallel on loaded CI machines): they separate "stopped" from the seconds these took before;
/// `tabletalk-bench` measures how fast.
@Suite struct BombTests {
    let wb = Workbench()

    init() async throws {
        try await wb.ingest("id,name\n1,a\n2,b\n", table: "t")
    }

    func kind(of sql: String, timeout: Duration = .seconds(10), engine: SQLiteEngine? = nil) async -> TableTalkError.Kind? {
        do {
            _ = try await (engine ?? wb.engine).run(sql, for: .local, options: QueryOptions(timeout: timeout), cancellation: nil)
            return nil
        } catch let e as TableTalkError {
            return e.kind
        } catch {
            return .internalFailure
        }
    }

    static let infinite = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"

    @Test(arguments: [
        "SELECT printf('%.*c', 2000000000, 'x')",
        "SELECT zeroblob(150000000)",
        "SELECT length(zeroblob(1000000000))",
        "SELECT replace(printf('%.*c', 40000000, 'x'), 'x', 'xyz')",
        "SELECT hex(randomblob(40000000))",
    ])
    func valueBombsFailFastWithQueryTooLarge(_ sql: String) async {
        var kind: TableTalkError.Kind?
        let elapsed = await ContinuousClock().measure { kind = await self.kind(of: sql) }
        #expect(kind == .queryTooLarge, "\(sql)")
        #expect(elapsed < .seconds(10), "\(sql) took \(elapsed)")
    }

    @Test func eightBombsAtOnceAllStopAndOtherQueriesAreAnswered() async throws {
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: TableTalkError.Kind?.self) { group in
            for _ in 0..<8 { group.addTask { await self.kind(of: "SELECT printf('%.*c', 2000000000, 'x')") } }
            #expect(try await wb.rows("SELECT count(*) FROM t") == [[.integer(2)]])
            for try await k in group { #expect(k == .queryTooLarge) }
        }
        #expect(ContinuousClock.now - started < .seconds(12))
    }

    @Test func theDeadlineIsHonouredWithinAFewHundredMilliseconds() async {
        for timeout in [Duration.milliseconds(150), .milliseconds(400)] {
            var kind: TableTalkError.Kind?
            let elapsed = await ContinuousClock().measure { kind = await self.kind(of: Self.infinite, timeout: timeout) }
            #expect(kind == .queryTimeout)
            // ~100 ms is the aim; the margin is for a machine busy with other tests.
            #expect(elapsed < timeout + .seconds(6), "deadline \(timeout), stopped after \(elapsed)")
        }
    }

    @Test func aCancelledBombStopsWithinAFewHundredMilliseconds() async throws {
        let flag = CancellationFlag()
        let engine = wb.engine
        let task = Task {
            try await engine.run(Self.infinite, for: .local, options: QueryOptions(timeout: .seconds(60)), cancellation: flag)
        }
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = ContinuousClock.now
        flag.cancel()
        await #expect { try await task.value } throws: { ($0 as? TableTalkError)?.kind == .queryCancelled }
        #expect(ContinuousClock.now - cancelled < .seconds(6))
    }

    @Test func theDeadlineTimerInterruptsWithoutTheProgressHandler() async throws {
        // The timer alone (no progress handler) must stop a long statement at the deadline.
        let c = try wb.engine.database.openReader(for: .local)
        let control = QueryControl(timeout: .milliseconds(150), cancellation: nil)
        control.attach(c.db, progressSteps: 0)
        defer { control.detach() }
        let s = try c.prepare(Self.infinite)
        let started = ContinuousClock.now
        #expect(throws: SQLiteFailure.self) { try s.step() }
        #expect(control.reason == .timeout)
        #expect(ContinuousClock.now - started < .seconds(6))
    }

    @Test func aStatementThatNeverStopsIsGivenUpOnJustAfterItsDeadline() async throws {
        // Armed but never attached: as if SQLite were stuck in one call that ignores interrupts.
        let control = QueryControl(timeout: .milliseconds(150), cancellation: nil)
        let started = ContinuousClock.now
        let reason = await withCheckedContinuation { (c: CheckedContinuation<QueryControl.Reason, Never>) in
            control.arm { c.resume(returning: $0) }
        }
        #expect(reason == .timeout)
        #expect(ContinuousClock.now - started < .milliseconds(150) + QueryControl.grace + .seconds(6))
        let flag = CancellationFlag()
        let cancelled = QueryControl(timeout: .seconds(60), cancellation: flag)
        let reasonAfterCancel = await withCheckedContinuation { (c: CheckedContinuation<QueryControl.Reason, Never>) in
            cancelled.arm { c.resume(returning: $0) }
            flag.cancel()
        }
        #expect(reasonAfterCancel == .cancelled)
    }

    @Test func blobsAreHexEncodedInOnePass() async throws {
        let rows = try await wb.rows("SELECT x'00ff10ab', zeroblob(0), length(hex(randomblob(3000000)))")
        #expect(rows == [[.text("x'00ff10ab'"), .text("x''"), .integer(6_000_000)]])
        var kind: TableTalkError.Kind?
        let elapsed = try await ContinuousClock().measure {
            let big = try await wb.rows("SELECT zeroblob(8000000)")
            guard case .text(let hex) = big[0][0] else { Issue.record("not text"); return }
            #expect(hex.utf8.count == 16_000_003)
            #expect(hex.hasPrefix("x'0000") && hex.hasSuffix("00'"))
            kind = nil
        }
        #expect(kind == nil)
        #expect(elapsed < .seconds(3))
    }

    @Test func aLongReplyIsCutAtTheByteCapWithTruncatedAndPagesOn() async throws {
        let wb = Workbench(configuration: SQLiteConfiguration(queryLimits: QueryLimits(maxResultBytes: 100_000)))
        try await wb.ingest("id\n1\n", table: "one")
        let sql = """
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000)
            SELECT x, printf('%.*c', 10000, 'y') FROM c
            """
        let first = try await wb.engine.run(sql, for: .local, options: QueryOptions(maxRows: 1000), cancellation: nil)
        #expect(first.truncated)
        #expect(first.rowCount >= 5 && first.rowCount <= 10)
        #expect(first.nextOffset == first.rowCount)
        let next = try await wb.engine.run(
            sql, for: .local, options: QueryOptions(maxRows: 1000, offset: first.rowCount), cancellation: nil)
        #expect(next.rows.first?.first == .integer(Int64(first.rowCount + 1)))
        // One row larger than the whole cap is an error, not an endless empty page.
        await #expect { _ = try await wb.engine.run("SELECT printf('%.*c', 200000, 'z')", for: .local, options: QueryOptions(), cancellation: nil) }
            throws: { ($0 as? TableTalkError)?.kind == .queryTooLarge && ($0 as? TableTalkError)?.details["reason"] == "reply" }
    }

    @Test func modeIsBoundedByItsLimit() async throws {
        let wb = Workbench(configuration: SQLiteConfiguration(queryLimits: QueryLimits(maxAggregateBytes: 1 << 20)))
        try await wb.ingest("id\n1\n", table: "one")
        let sql = """
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)
            SELECT mode(printf('%0200d', x)) FROM c
            """
        await #expect { _ = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil) }
            throws: { ($0 as? TableTalkError)?.kind == .queryTooLarge && ($0 as? TableTalkError)?.details["reason"] == "aggregate" }
        let small = try await wb.rows(
            "WITH v(x) AS (VALUES ('a'), ('b'), ('b'), (NULL)) SELECT mode(x) FROM v")
        #expect(small == [[.text("b")]])
    }

    @Test func aNulInsideTheSQLIsRefusedNotTruncated() async {
        #expect(await kind(of: "SELECT 1;\u{0}DROP TABLE t") == .sqlSyntax)
        #expect(await kind(of: "SELECT 1\u{0}") == .sqlSyntax)
    }
}

/// The `%c` repeat count that ``PrintfGuard`` refuses, and SQLite's own results for everything else.
@Suite struct PrintfGuardTests {
    let wb = Workbench()

    init() async throws { try await wb.ingest("id\n1\n", table: "t") }

    @Test func printfAndFormatGiveSQLitesOwnResults() async throws {
        let rows = try await wb.rows(
            """
            SELECT printf('%d-%5.2f-%s-%q-%%-%c', 42, 3.14159, 'ab', 'it''s', 'xyz'), format('%.*c|%*d', 3, 'z', 4, 7),
                   printf('%s', NULL), printf('%!.3c', 'q'), printf('no args'), printf(NULL)
            """)
        #expect(rows == [[.text("42- 3.14-ab-it''s-%-x"), .text("zzz|   7"), .text(""), .text("qqq"), .text("no args"), .null]])
    }

    @Test(arguments: [
        "SELECT printf('%.*c', 2000000000, 'x')", "SELECT format('%5d %.*c', 1, -2000000000, 'x')",
        "SELECT printf('%.2000000000c', 'x')", "SELECT printf('%*.*c', 3, 900000000, 'x')",
    ])
    func aHugeCharacterRepeatFailsAtOnce(_ sql: String) async throws {
        let started = ContinuousClock.now
        await #expect { try await wb.rows(sql) } throws: { ($0 as? TableTalkError)?.kind == .queryTooLarge }
        #expect(ContinuousClock.now - started < .seconds(8))
    }
}

/// The result cache keeps small results only, so repeated big replies do not pile up in memory.
@Suite struct CostCacheTests {
    @Test func aResultOverAMegabyteIsNotCachedButASmallOneIs() async throws {
        let wb = Workbench()
        try await wb.ingest("id\n1\n", table: "t")
        let big = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300) SELECT printf('%.*c', 10000, 'y') FROM c"
        for sql in [big, "SELECT count(*) FROM t"] {
            _ = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil)
            let again = try await wb.engine.run(sql, for: .local, options: QueryOptions(), cancellation: nil)
            #expect(again.cached == (sql != big), "\(sql.prefix(30))")
        }
    }
}
