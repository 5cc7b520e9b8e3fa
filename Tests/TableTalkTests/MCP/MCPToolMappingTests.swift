import Foundation
import MCP
import Testing
import TableTalkMCP
import TableTalkProtocol
import TableTalkTestSupport

/// Each MCP tool calls the broker's capability in-process and shapes its answer: structured content as the output
/// schema says, readable markdown, `isError` for failures of the work, JSON-RPC errors for malformed calls.
@Suite struct MCPToolMappingTests {
    @Test func importCSVCallsUploadImportFileWithGrowingProgressAndAnnouncesTheNewTable() async throws {
        let h = try await MCPHarness()
        let log = ProgressLog()
        let result = try await h.importShop(progress: log.reporter)
        #expect(result.isError == false)
        #expect(result["table"]?.objectValue?["rowCount"] == .int(12))
        #expect(result["table"]?.objectValue?["uri"] == .string("tabletalk://tables/shop"))
        #expect(result["replaced"] == .bool(false))
        let progress = log.values
        #expect(!progress.isEmpty && progress.last?.progress == 100 && progress.allSatisfy { $0.total == 100 })
        #expect(progress.map(\.progress) == progress.map(\.progress).sorted())
        #expect(progress.allSatisfy { $0.progressToken == .string("t1") })
        #expect(h.changes.value == 1)
        // The same table through the capability itself.
        let described = try await h.otherClient().call(QueryDescribeRequest(table: "shop"))
        #expect(described.rowCount == 12)
    }

    @Test func importOutsideTheImportDirectoriesIsAToolErrorInPlainWords() async throws {
        let h = try await MCPHarness()
        let result = try await h.tools.call("import_csv", arguments: ["path": "/etc/hosts"])
        #expect(result.isError == true)
        #expect(result.text.contains("outside the import directories"))
        #expect(result["error"]?.objectValue?["code"] == .int(ErrorCode.importPathDenied.rawValue))
        #expect(h.changes.value == 0)
    }

    @Test func listAndDescribeTablesMirrorQueryTablesAndQueryDescribe() async throws {
        let h = try await MCPHarness()
        let empty = try await h.tools.call("list_tables", arguments: nil)
        #expect(empty["tables"] == .array([]) && empty.text.contains("import_csv"))
        try await h.importShop()
        let listed = try await h.tools.call("list_tables", arguments: [:])
        let tables = try #require(listed["tables"]?.arrayValue)
        #expect(tables.count == 1 && tables[0].objectValue?["name"] == "shop")
        #expect(listed.text.contains("| shop | 12 |"))
        let described = try await h.tools.call("describe_table", arguments: ["table": "shop"])
        let columns = try #require(described["columns"]?.arrayValue)
        #expect(columns.compactMap { $0.objectValue?["name"]?.stringValue }.first == "date")
        #expect(described.text.contains("| region | region | TEXT |"))
        let missing = try await h.tools.call("describe_table", arguments: ["table": "nope"])
        #expect(missing.isError == true && missing["error"]?.objectValue?["code"] == .int(ErrorCode.tableNotFound.rawValue))
    }

    @Test func askAnswersThroughChatSendAndTheQuestionIsInTheSharedHistory() async throws {
        let h = try await MCPHarness()
        try await h.importShop()
        let answer = try await h.tools.call("ask", arguments: ["question": "total amount by region"])
        #expect(answer.isError == false)
        #expect(answer["kind"] == "answer")
        #expect(answer["sql"]?.stringValue?.uppercased().contains("GROUP BY") == true)
        let rows = try #require(answer["rows"]?.arrayValue)
        var totals: [String: Int] = [:]
        for row in rows { if let r = row.arrayValue, let k = r[0].stringValue, let v = r[1].intValue { totals[k] = v } }
        #expect(totals == ["North": 3260, "South": 3350, "West": 1720, "East": 1500])
        #expect(answer["chart"]?.objectValue?["kind"] == "bar")
        #expect(answer.text.contains("```sql"))

        // Another client of the broker (the browser) sees the question in history.sessions / history.messages.
        let browser = try await h.otherClient()
        let sessions = try await browser.call(HistorySessionsRequest()).sessions
        let sessionId = try #require(answer["sessionId"]?.stringValue)
        #expect(sessions.map(\.sessionId).contains(sessionId))
        let messages = try await browser.call(HistoryMessagesRequest(sessionId: sessionId)).messages
        #expect(messages.contains { $0.role == "user" && $0.text == "total amount by region" })
        // And the history tool lists it.
        let history = try await h.tools.call("history", arguments: ["limit": 5])
        let questions = try #require(history["questions"]?.arrayValue)
        #expect(questions.first?.objectValue?["question"] == "total amount by region")
        #expect(history["queries"]?.arrayValue?.isEmpty == false)
    }

    @Test func followUpsStayInOneConversationUnlessANewOneIsAsked() async throws {
        let h = try await MCPHarness()
        try await h.importShop()
        let first = try await h.tools.call("ask", arguments: ["question": "total amount by region"])
        let second = try await h.tools.call("ask", arguments: ["question": "total units by region"])
        let fresh = try await h.tools.call("ask", arguments: ["question": "total units by region", "newConversation": true])
        #expect(first["sessionId"] == second["sessionId"])
        #expect(first["sessionId"] != fresh["sessionId"])
    }

    @Test func askCapsRowsAtMaxRows() async throws {
        let h = try await MCPHarness()
        try await h.importShop()
        let answer = try await h.tools.call("ask", arguments: ["question": "total amount by customer", "maxRows": 3])
        #expect(answer["rows"]?.arrayValue?.count == 3)
        #expect(answer["truncated"] == .bool(true))
        #expect(answer["rowCount"]?.intValue.map { $0 > 3 } == true)
    }

    @Test func aClarificationIsNotAnError() async throws {
        let h = try await MCPHarness()
        try await h.importShop()
        let answer = try await h.tools.call("ask", arguments: ["question": "zorblax quux"])
        #expect(answer.isError == false)
        #expect(answer["kind"] == "clarification")
        #expect(answer["suggestions"]?.arrayValue?.isEmpty == false)
        #expect(answer["sql"] == nil && answer["rows"] == nil)
    }

    @Test func runSQLPagesThroughQueryRunAndWritesAreRefused() async throws {
        let h = try await MCPHarness()
        try await h.importShop()
        let sql = "SELECT customer FROM shop ORDER BY customer"
        let page1 = try await h.tools.call("run_sql", arguments: ["sql": .string(sql), "maxRows": 5])
        #expect(page1["rows"]?.arrayValue?.count == 5 && page1["truncated"] == .bool(true))
        let token = try #require(page1["nextPageToken"]?.stringValue)
        #expect(page1.text.contains("| Anderson |") && page1.text.contains(token))
        let page2 = try await h.tools.call("run_sql", arguments: ["sql": .string(sql), "maxRows": 5, "pageToken": .string(token)])
        #expect(page2["rows"]?.arrayValue?.first == ["Fischer"])
        for write in ["DELETE FROM shop", "DROP TABLE shop", "INSERT INTO shop (region) VALUES ('x')"] {
            let refused = try await h.tools.call("run_sql", arguments: ["sql": .string(write)])
            #expect(refused.isError == true, "\(write)")
            #expect(!refused.text.isEmpty)
        }
        let count = try await h.tools.call("run_sql", arguments: ["sql": "SELECT COUNT(*) FROM shop"])
        #expect(count["rows"] == [[12]])
    }

    @Test(arguments: [
        ("describe_table", [String: Value]()),
        ("describe_table", ["table": Value.int(3)]),
        ("describe_table", ["table": "  "]),
        ("describe_table", ["tabel": "shop"]),
        ("run_sql", ["sql": "SELECT 1", "maxRows": 0]),
        ("run_sql", ["sql": "SELECT 1", "pageToken": "not-a-token"]),
        ("ask", ["question": "x", "newConversation": "yes"]),
        ("history", ["limit": 1.5]),
        ("no_such_tool", [:]),
    ])
    func malformedCallsAreJSONRPCInvalidParams(_ tool: String, _ arguments: [String: Value]) async throws {
        let h = try await MCPHarness()
        await #expect {
            _ = try await h.tools.call(tool, arguments: arguments)
        } throws: { error in
            guard let e = error as? MCPError, case .invalidParams = e else { return false }
            return true
        }
    }

    @Test func cancellingTheCallInterruptsTheRunningQuery() async throws {
        let h = try await MCPHarness()
        let long = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c"
        let tools = h.tools
        let task = Task { try await tools.call("run_sql", arguments: ["sql": .string(long)]) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        // The broker answered the cancelled request (the query stopped), sooner than its 10 s time limit.
        #expect(ContinuousClock.now - started < .seconds(8))
        // The same monitoring counts it: one query.run, failed (cancelled).
        let stats = try await h.otherClient().call(MonitoringStatsRequest())
        let run = stats.methods.first { $0.method == "query.run" }
        #expect(run?.count == 1 && run?.errors == 1)
    }
}
