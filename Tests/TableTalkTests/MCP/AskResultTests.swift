import Foundation
import MCP
import Testing
@testable import TableTalkMCP
import TableTalkProtocol

/// How `chat.send`'s three answer shapes become `ask` results, and how lines are split.
@Suite struct AskResultTests {
    static func answer(error: ChatAnswerError? = nil, clarification: Bool? = nil, rows: Int = 0) -> ChatAnswer {
        let result = rows > 0
            ? ChatResult(columns: [.init(name: "n", type: "INTEGER")], rows: (1...rows).map { [.int(Int64($0))] }, rowCount: rows, truncated: false, elapsedMs: 1)
            : nil
        return ChatAnswer(
            messageId: "m", sessionId: "s", text: error == nil ? "Done." : "The SQL could not run.", interpretation: "Count",
            sql: clarification == true ? nil : "SELECT n FROM t", result: error == nil ? result : nil,
            suggestions: clarification == true ? ["total n"] : [], needsClarification: clarification, error: error)
    }

    @Test func anAnswerWhoseSQLFailedIsAToolErrorWithTheReason() throws {
        let failed = Self.answer(error: .init(code: 2004, kind: "queryTimeout", message: "the query took longer than 10 s"))
        let result = try TableTalkTools.askResult(failed, maxRows: 50)
        #expect(result.isError == true)
        #expect(result["kind"] == "error")
        #expect(result.text.contains("longer than 10 s"))
    }

    @Test func aClarificationIsARegularResultWithSuggestions() throws {
        let result = try TableTalkTools.askResult(Self.answer(clarification: true), maxRows: 50)
        #expect(result.isError == false && result["kind"] == "clarification")
        #expect(result.text.contains("\"total n\""))
    }

    @Test func rowsAreCappedAndTheCapIsSaid() throws {
        let result = try TableTalkTools.askResult(Self.answer(rows: 8), maxRows: 3)
        #expect(result["rows"] == [[1], [2], [3]] && result["truncated"] == .bool(true) && result["rowCount"] == .int(8))
        #expect(result.text.contains("first 3 of 8 rows"))
    }

    @Test func linesSplitAcrossReadsWithoutBlankOrOverlongLines() {
        var reader = LineReader(maxLineBytes: 10)
        var events = reader.push(Array("{\"a\":1}\r\n\n  \n{\"b\"".utf8))
        events += reader.push(Array(":2}\n0123456789ABC\n{}".utf8))
        #expect(events == [.line(Data("{\"a\":1}".utf8)), .line(Data("{\"b\":2}".utf8)), .tooLong])
        #expect(reader.finish() == Data("{}".utf8))
    }
}
