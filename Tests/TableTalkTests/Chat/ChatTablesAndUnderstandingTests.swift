import Foundation
import Logging
import Testing
import TableTalkBroker
import TableTalkChat
import TableTalkCore
import TableTalkHistory
import TableTalkProtocol
import TableTalkRules
import TableTalkSQLite
import TableTalkTestSupport

/// `chat.*` with the real rules translator over two tables: starter questions (`chat.suggest`), "Which table do
/// you mean?" answered with a table name, the `understood` spans of an answer, and new questions after answers.
@Suite struct ChatTablesAndUnderstandingTests {
    static func sales(_ year: Int, seed: Int) -> String {
        var out = "Order Date,Region,Product,Units,Revenue\n"
        let regions = ["North", "South", "East", "West"]
        for i in 0..<12 {
            out += "\(year)-\(String(format: "%02d", i % 12 + 1))-1\(i % 9),\(regions[(i + seed) % 4]),P\(i % 3),\(i + 1),\(Double(i + 1) * 10.5)\n"
        }
        return out
    }

    /// A broker with chat and history over a fresh directory holding `sales_2023` and `sales_2024`.
    static func broker() async throws -> (Broker, URL) {
        let dir = PackagePaths.tempDir("tt-chat-tables")
        let ingestor = SQLiteIngestor(dataDirectory: dir)
        for (year, seed) in [(2023, 0), (2024, 1)] {
            let csv = dir.appendingPathComponent("sales_\(year).csv")
            try sales(year, seed: seed).write(to: csv, atomically: true, encoding: .utf8)
            _ = try await ingestor.ingest(file: csv, table: "sales_\(year)", sourceName: csv.lastPathComponent, for: .local) { _ in }
        }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let engine = SQLiteEngine(dataDirectory: dir)
        let broker = Broker(
            capabilities: [
                ChatCapability(translator: RulesTranslator(), engine: engine, history: SQLiteHistoryStore(dataDirectory: dir)),
                HistoryCapability(store: SQLiteHistoryStore(dataDirectory: dir)),
            ],
            logger: logger)
        return (broker, dir)
    }

    @Test func aTableNameAnswersWhichTableAndTheQuestionIsAskedAgainOverIt() async throws {
        let (broker, dir) = try await Self.broker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = try await TestClient.initialized(broker: broker, principal: .local)
        let session = try await client.startChat()
        let asked = try await client.call(ChatSendRequest(sessionId: session, text: "total revenue by region"))
        #expect(asked.needsClarification == true)
        #expect(asked.text.hasPrefix("Which table do you mean: sales_2023 or sales_2024?"))
        #expect(asked.suggestions == ["total revenue by region in sales_2023", "total revenue by region in sales_2024"])
        let chosen = try await client.call(ChatSendRequest(sessionId: session, text: "sales_2024"))
        #expect(chosen.needsClarification == nil, "\(chosen.text)")
        let plan = try #require(try chosen.plan?.decode(as: QueryPlan.self))
        #expect(plan.table == "sales_2024")
        #expect(plan.filters.isEmpty)
        #expect(chosen.result?.rowCount == 4)
        // a table name typed when nothing is pending re-asks nothing: it is read (and here declined) as a question
        let again = try await client.call(ChatSendRequest(sessionId: session, text: "sales 2023"))
        #expect(again.needsClarification == true && again.sql == nil, "\(again.text)")
        #expect(!again.text.contains("Which table"))
    }

    @Test func aClickedChoiceAnswersFromThatTable() async throws {
        let (broker, dir) = try await Self.broker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = try await TestClient.initialized(broker: broker, principal: .local)
        let session = try await client.startChat()
        let asked = try await client.call(ChatSendRequest(sessionId: session, text: "how many rows per region?"))
        let choice = try #require(asked.suggestions.last)
        let answer = try await client.call(ChatSendRequest(sessionId: session, text: choice))
        #expect(try answer.plan?.decode(as: QueryPlan.self).table == "sales_2024")
        #expect(answer.result?.rows.compactMap { $0.last?.intValue }.reduce(0, +) == 12)
    }

    @Test func answersCarryWhatEachPartOfTheQuestionMeant() async throws {
        let (broker, dir) = try await Self.broker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = try await TestClient.initialized(broker: broker, principal: .local)
        let session = try await client.startChat()
        let question = "total revenue in West from sales_2023"
        let answer = try await client.call(ChatSendRequest(sessionId: session, text: question))
        let spans = try #require(answer.understood, "\(answer.text)")
        let byKind = Dictionary(grouping: spans, by: \.kind)
        #expect(byKind["aggregate"]?.first?.meaning == "sum")
        #expect(byKind["column"]?.first?.meaning == "revenue")
        #expect(byKind["value"]?.first?.meaning == "region = West")
        #expect(byKind["table"]?.first?.meaning == "sales_2023")
        for s in spans {
            let (start, end) = try (#require(s.start), #require(s.end))
            #expect(String(Array(question)[start..<end]) == s.text)
        }
        // stored in history as part of the answer
        let page = try await client.call(HistoryMessagesRequest(sessionId: session))
        #expect(try page.messages.last?.answer?.decode(as: ChatAnswer.self).understood == spans)
    }

    @Test func aNewQuestionAfterAnAnswerKeepsNoFilterOrLimit() async throws {
        let (broker, dir) = try await Self.broker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = try await TestClient.initialized(broker: broker, principal: .local)
        let session = try await client.startChat()
        let first = try await client.call(ChatSendRequest(sessionId: session, text: "top 2 products by units in West in sales_2024"))
        #expect(try first.plan?.decode(as: QueryPlan.self).limit == 2)
        let second = try await client.call(ChatSendRequest(sessionId: session, text: "total revenue in sales_2024"))
        let plan = try #require(try second.plan?.decode(as: QueryPlan.self))
        #expect(plan.filters.isEmpty && plan.limit == nil, "\(second.sql ?? second.text)")
        #expect(second.result?.rows.first?.first?.doubleValue == (1...12).reduce(0.0) { $0 + Double($1) * 10.5 })
        let odd = try await client.call(ChatSendRequest(sessionId: session, text: "what is the meaning of life"))
        #expect(odd.needsClarification == true)
        #expect(odd.sql == nil)
    }

    @Test func starterQuestionsComeFromTheTranslatorAndAnswer() async throws {
        let (broker, dir) = try await Self.broker()
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = try await TestClient.initialized(broker: broker, principal: .local)
        let session = try await client.startChat()
        for table in ["sales_2023", "sales_2024"] {
            let starters = try await client.call(ChatSuggestRequest(table: table)).questions
            #expect(starters.count >= 2)
            for q in starters {
                // asked with both tables loaded: answered, or the table clarification whose choice for this table answers
                var answer = try await client.call(ChatSendRequest(sessionId: session, text: q))
                if answer.needsClarification == true {
                    answer = try await client.call(ChatSendRequest(sessionId: session, text: table))
                }
                #expect(answer.needsClarification == nil, "\(q): \(answer.text)")
                #expect(try answer.plan?.decode(as: QueryPlan.self).table == table, "\(q)")
                #expect((answer.result?.rowCount ?? 0) > 0, "\(q)")
            }
        }
        #expect(try await client.errorCode(ChatSuggestRequest(table: "nope")) == 2000)
    }
}
