import Foundation
public import MCP
import TableTalkProtocol

/// Answers MCP tool calls by calling the broker's capabilities in-process: `query.tables`, `query.describe`,
/// `upload.importFile`, `chat.send`, `query.run`, `history.*`. Nothing here reads data itself.
///
/// Failures of the work (unknown table, refused SQL, a file outside the import directories) are tool results with
/// `isError: true` and the broker's plain words; a malformed call is a JSON-RPC error (`MCPError.invalidParams`).
public struct TableTalkTools: Sendable {
    let channel: BrokerChannel
    let thread = ChatThread()
    /// Called after an import changed the list of tables (the server sends `notifications/resources/list_changed`).
    let tablesChanged: @Sendable () async -> Void

    /// Rows `ask` returns unless the agent asks for another number.
    static let defaultAskRows = 50

    public init(channel: BrokerChannel, tablesChanged: @escaping @Sendable () async -> Void = {}) {
        self.channel = channel
        self.tablesChanged = tablesChanged
    }

    /// Runs the tool `name`. Throws `MCPError` for bad calls and `CancellationError` when the client cancelled.
    public func call(_ name: String, arguments: [String: Value]?, progress: ProgressReporter? = nil) async throws
        -> CallTool.Result
    {
        guard let tool = ToolCatalog.Name(rawValue: name) else { throw MCPError.invalidParams("Unknown tool: \(name)") }
        let args = ToolArguments(tool: name, arguments)
        try args.refuseUnknown(allowed: ToolCatalog.inputNames(of: tool))
        do {
            switch tool {
            case .listTables: return try await listTables()
            case .describeTable: return try await describeTable(try args.string("table"))
            case .importCSV:
                return try await importCSV(path: try args.string("path"), table: try args.optionalString("table"), progress: progress)
            case .ask:
                return try await ask(
                    try args.string("question"), fresh: try args.bool("newConversation") ?? false,
                    maxRows: try args.int("maxRows", in: 1...1000) ?? Self.defaultAskRows)
            case .runSQL:
                return try await runSQL(
                    try args.string("sql"), maxRows: try args.int("maxRows", in: 1...10_000),
                    pageToken: try args.optionalString("pageToken"))
            case .history: return try await history(limit: try args.int("limit", in: 1...100) ?? 10)
            }
        } catch let error as RPCError {
            return try Self.failure(error)
        }
    }

    /// A broker error as the agent sees it: bad params stay protocol errors, a cancelled call ends without a reply,
    /// everything else is a tool result with `isError` and the broker's message.
    static func failure(_ error: RPCError) throws -> CallTool.Result {
        switch error.code {
        case .invalidParams, .invalidPageToken, .emptyQuestion, .questionTooLong:
            throw MCPError.invalidParams(error.message)
        case .requestCancelled where Task.isCancelled, .queryCancelled where Task.isCancelled:
            throw CancellationError()
        default:
            let output = ToolOutput.Failure(error: .init(code: error.code.rawValue, message: error.message))
            return try result(output, text: error.message, isError: true)
        }
    }

    /// A result with `output` as structured content and `text` (markdown) as its readable content.
    static func result(_ output: some Encodable, text: String, isError: Bool = false) throws -> CallTool.Result {
        let structured: Value? = try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(output))
        return CallTool.Result(
            content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured,
            isError: isError)
    }

    // MARK: - Tables

    func listTables() async throws -> CallTool.Result {
        let tables = try await channel.call(QueryTablesRequest()).tables
        let text: String
        if tables.isEmpty {
            text = "No tables yet. Import a CSV file with import_csv."
        } else {
            text = MarkdownTable.render(
                header: ["table", "rows", "columns", "from"],
                rows: tables.map { [$0.name, String($0.rowCount), $0.columns.map(\.name).joined(separator: ", "), $0.sourceFile] })
        }
        return try Self.result(ToolOutput.ListTables(tables: tables.map { .init(description: $0) }), text: text)
    }

    func describeTable(_ name: String) async throws -> CallTool.Result {
        let table = try await channel.call(QueryDescribeRequest(table: name))
        return try Self.result(ToolOutput.Table(description: table), text: Self.describe(table))
    }

    /// A table's columns as markdown, under a line naming it.
    static func describe(_ table: TableDescription) -> String {
        let head = "**\(table.name)**: \(table.rowCount) rows from \(table.sourceFile)"
        let rows = table.columns.map { c in
            [c.name, c.label, c.type.rawValue, String(c.nullCount), (c.distinctValues ?? c.examples).prefix(6).joined(separator: ", ")]
        }
        return head + "\n\n" + MarkdownTable.render(header: ["column", "header", "type", "empty", "values"], rows: rows)
    }

    // MARK: - Import

    func importCSV(path: String, table: String?, progress: ProgressReporter?) async throws -> CallTool.Result {
        let result = try await channel.call(UploadImportFileRequest(path: path, table: table)) { method, params in
            guard let progress, method == UploadProgressNotification.method,
                let note = try? params.decode(as: UploadProgressNotification.self)
            else { return }
            await progress.upload(note)
        }
        await progress?.report(100, "ready")
        await tablesChanged()
        let output = ToolOutput.Import(
            table: .init(description: result.table), replaced: result.replaced, changedColumns: result.changedColumns,
            warnings: result.warnings)
        var text = (result.replaced ? "Replaced" : "Imported") + " " + Self.describe(result.table)
        if !result.warnings.isEmpty { text += "\n\nWarnings: " + result.warnings.joined(separator: "; ") }
        return try Self.result(output, text: text)
    }

    // MARK: - Questions

    func ask(_ question: String, fresh: Bool, maxRows: Int) async throws -> CallTool.Result {
        var sessionId = try await thread.current(fresh: fresh, channel: channel)
        let answer: ChatAnswer
        do {
            answer = try await channel.call(ChatSendRequest(sessionId: sessionId, text: question))
        } catch let error as RPCError where error.code == .sessionNotFound {
            // The conversation was deleted elsewhere (the browser): start another and ask again.
            await thread.forget(sessionId)
            sessionId = try await thread.current(fresh: true, channel: channel)
            answer = try await channel.call(ChatSendRequest(sessionId: sessionId, text: question))
        }
        return try Self.askResult(answer, maxRows: maxRows)
    }

    /// `chat.send`'s answer as the `ask` tool returns it. A clarification is a normal result (the agent should pick
    /// a suggestion); an answer whose SQL could not run is `isError`.
    static func askResult(_ answer: ChatAnswer, maxRows: Int) throws -> CallTool.Result {
        let kind: ToolOutput.Ask.Kind =
            answer.error != nil ? .error : answer.needsClarification == true || answer.result == nil ? .clarification : .answer
        let rows = answer.result.map { Array($0.rows.prefix(maxRows)) }
        let truncated = answer.result.map { $0.truncated || $0.rows.count > maxRows }
        let output = ToolOutput.Ask(
            kind: kind, sessionId: answer.sessionId, text: answer.text, interpretation: answer.interpretation,
            sql: answer.sql, columns: answer.result?.columns.map { .init(name: $0.name, type: $0.type) }, rows: rows,
            rowCount: answer.result?.rowCount, truncated: truncated,
            chart: answer.chart.map { .init(kind: $0.kind, x: $0.x, y: $0.y) }, suggestions: answer.suggestions,
            alternatives: answer.alternatives, unknownWords: answer.unknownWords)
        var parts = [answer.text]
        if !answer.interpretation.isEmpty && answer.interpretation != answer.text {
            parts.append("Understood as: \(answer.interpretation)")
        }
        if let sql = answer.sql { parts.append("```sql\n\(sql)\n```") }
        if let result = answer.result, let rows {
            parts.append(MarkdownTable.render(header: result.columns.map(\.name), rows: rows.map { $0.map(MarkdownTable.text) }))
            if truncated == true { parts.append("(first \(rows.count) of \(result.rowCount)\(result.truncated ? "+" : "") rows)") }
        }
        if !answer.suggestions.isEmpty {
            parts.append("You could ask: " + answer.suggestions.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if let error = answer.error {
            parts.append(error.message)
            return try Self.result(output, text: parts.joined(separator: "\n\n"), isError: true)
        }
        return try Self.result(output, text: parts.joined(separator: "\n\n"))
    }

    // MARK: - SQL

    func runSQL(_ sql: String, maxRows: Int?, pageToken: String?) async throws -> CallTool.Result {
        let r = try await channel.call(QueryRunRequest(sql: sql, maxRows: maxRows, pageToken: pageToken))
        let output = ToolOutput.RunSQL(
            columns: r.columns.map { .init(name: $0.name, type: $0.type) }, rows: r.rows, rowCount: r.rowCount,
            truncated: r.truncated, nextPageToken: r.nextPageToken, elapsedMs: r.elapsedMs)
        var text = MarkdownTable.render(header: r.columns.map(\.name), rows: r.rows.map { $0.map(MarkdownTable.text) })
        text += "\n\n\(r.rows.count) row\(r.rows.count == 1 ? "" : "s")"
        if r.truncated { text += "; more rows: call run_sql again with pageToken \"\(r.nextPageToken ?? "")\"" }
        return try Self.result(output, text: text)
    }

    // MARK: - History

    func history(limit: Int) async throws -> CallTool.Result {
        let sessions = try await channel.call(HistorySessionsRequest(limit: limit)).sessions
        var questions: [ToolOutput.Question] = []
        for session in sessions where session.messageCount > 0 {
            let messages = try await channel.call(HistoryMessagesRequest(sessionId: session.sessionId, limit: limit * 2)).messages
            for (i, m) in messages.enumerated() where m.role == "user" {
                let reply = messages.dropFirst(i + 1).first { $0.role == "assistant" }
                questions.append(.init(question: m.text, askedAt: m.createdAt, sessionId: session.sessionId, answer: reply?.text))
            }
        }
        questions.sort { $0.askedAt > $1.askedAt }
        questions = Array(questions.prefix(limit))
        let queries = try await channel.call(HistoryQueriesRequest(limit: limit)).queries.map {
            ToolOutput.Query(sql: $0.sql, ok: $0.ok, rowCount: $0.rowCount, elapsedMs: $0.elapsedMs, createdAt: $0.createdAt)
        }
        let output = ToolOutput.History(questions: questions, queries: queries)
        let text =
            questions.isEmpty
            ? "No questions asked yet."
            : MarkdownTable.render(
                header: ["asked at", "question", "answer"], rows: questions.map { [$0.askedAt, $0.question, $0.answer ?? ""] })
        return try Self.result(output, text: text)
    }
}
