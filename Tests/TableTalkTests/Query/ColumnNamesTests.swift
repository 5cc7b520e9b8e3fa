import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `query.setColumnNames`: a principal's own names for columns, kept next to the catalog in their SQLite database,
/// listed by `query.describe`/`query.tables`, and read by chat questions, through a real runtime.
@Suite struct ColumnNamesTests {
    static let csv = Data(
        """
        Region,Amount,Order Date
        North,120,2024-03-01
        South,75,2024-03-02
        North,30,2024-03-03
        East,200,2024-03-04
        South,25,2024-03-05

        """.utf8)

    static func loaded(_ h: UploadHarness? = nil, principal: Principal = .local) async throws -> (UploadHarness, TestClient) {
        let h = try h ?? UploadHarness()
        let client = try await h.client(principal)
        _ = try await client.upload(csv, name: "sales.csv")
        return (h, client)
    }

    static func names(_ t: TableDescription, _ column: String) -> [String]? {
        t.columns.first { $0.name == column }?.aliases
    }

    @Test func namesAreCleanedAndListedWithTheTable() async throws {
        let (_, client) = try await Self.loaded()
        let set = try await client.call(
            QuerySetColumnNamesRequest(table: "sales", column: "amount", names: ["  revenue ", "sales   figures", "Revenue", "Amount"]))
        #expect(Self.names(set, "amount") == ["revenue", "sales figures"])
        #expect(Self.names(set, "region") == nil)
        #expect(Self.names(try await client.call(QueryDescribeRequest(table: "sales")), "amount") == ["revenue", "sales figures"])
        #expect(Self.names(try await client.call(QueryTablesRequest()).tables[0], "amount") == ["revenue", "sales figures"])
        // table and column names are found whatever their case; [] clears
        _ = try await client.call(QuerySetColumnNamesRequest(table: "SALES", column: "Region", names: ["area"]))
        let cleared = try await client.call(QuerySetColumnNamesRequest(table: "sales", column: "amount", names: []))
        #expect(Self.names(cleared, "amount") == nil && Self.names(cleared, "region") == ["area"])
        // the wire shape: absent when none
        let raw = try await client.callRaw(method: "query.describe", params: ["table": "sales"])
        let columns = raw["result"]?["columns"]?.arrayValue ?? []
        #expect(columns.first { $0["name"] == "amount" }?["aliases"] == nil)
        #expect(columns.first { $0["name"] == "region" }?["aliases"] == ["area"])
    }

    @Test func badNamesAreRefusedWithAReason() async throws {
        let (_, client) = try await Self.loaded()
        #expect(try await client.error(QuerySetColumnNamesRequest(table: "nope", column: "amount", names: ["x"])).code == .tableNotFound)
        #expect(try await client.error(QuerySetColumnNamesRequest(table: "sales", column: "nope", names: ["x"])).code == .columnNotFound)
        func reason(_ names: [String], column: String = "amount") async throws -> (ErrorCode, String?, String?) {
            let e = try await client.error(QuerySetColumnNamesRequest(table: "sales", column: column, names: names))
            return (e.code, e.data?["details"]?["reason"]?.stringValue ?? e.data?["reason"]?.stringValue,
                    e.data?["details"]?["takenBy"]?.stringValue ?? e.data?["takenBy"]?.stringValue)
        }
        #expect(try await reason(["   "]) == (.columnNameRejected, "empty", nil))
        #expect(try await reason([String(repeating: "x", count: 61)]) == (.columnNameRejected, "tooLong", nil))
        #expect(try await reason((1...21).map { "word \($0)" }) == (.columnNameRejected, "tooMany", nil))
        // another column's SQL name or header
        #expect(try await reason(["region"]) == (.columnNameRejected, "taken", "region"))
        #expect(try await reason(["order date"]) == (.columnNameRejected, "taken", "order_date"))
        // another column's given name
        _ = try await client.call(QuerySetColumnNamesRequest(table: "sales", column: "region", names: ["area"]))
        #expect(try await reason(["Area"]) == (.columnNameRejected, "taken", "region"))
        // a refused call changes nothing
        #expect(Self.names(try await client.call(QueryDescribeRequest(table: "sales")), "amount") == nil)
        // a wrong type is invalidParams
        let bad = try await client.callRaw(method: "query.setColumnNames", params: ["table": "sales", "column": "amount", "names": "revenue"])
        #expect(bad["error"]?["code"] == -32602)
    }

    @Test func namesSurviveARestartAReUploadAndARenameAndGoWithTheTable() async throws {
        let (h, client) = try await Self.loaded()
        _ = try await client.call(QuerySetColumnNamesRequest(table: "sales", column: "amount", names: ["revenue"]))
        let again = try await h.restarted().client()
        #expect(Self.names(try await again.call(QueryDescribeRequest(table: "sales")), "amount") == ["revenue"])
        _ = try await again.upload(Self.csv, name: "sales.csv")
        #expect(Self.names(try await again.call(QueryDescribeRequest(table: "sales")), "amount") == ["revenue"])
        let renamed = try await again.call(QueryRenameTableRequest(table: "sales", newName: "orders"))
        #expect(Self.names(renamed, "amount") == ["revenue"])
        _ = try await again.call(QueryDropTableRequest(table: "orders"))
        _ = try await again.upload(Self.csv, name: "orders.csv")
        #expect(Self.names(try await again.call(QueryDescribeRequest(table: "orders")), "amount") == nil)
    }

    @Test func namesBelongToOnePrincipal() async throws {
        let (h, alice) = try await Self.loaded(principal: Principal("alice"))
        let (_, bob) = try await Self.loaded(h, principal: Principal("bob"))
        // "gross" and "takings" are no money words of the lexicon: only a principal's own name links them
        _ = try await alice.call(QuerySetColumnNamesRequest(table: "sales", column: "amount", names: ["gross"]))
        _ = try await bob.call(QuerySetColumnNamesRequest(table: "sales", column: "amount", names: ["takings"]))
        #expect(Self.names(try await alice.call(QueryDescribeRequest(table: "sales")), "amount") == ["gross"])
        #expect(Self.names(try await bob.call(QueryDescribeRequest(table: "sales")), "amount") == ["takings"])
        let bobsSession = try await bob.call(ChatStartRequest(title: nil)).sessionId
        let answer = try await bob.call(ChatSendRequest(sessionId: bobsSession, text: "gross by region"))
        #expect(answer.sql?.contains("\"amount\"") != true)
        // the aliases table is not readable by user SQL
        #expect(try await alice.error(QueryRunRequest(sql: "SELECT * FROM _tabletalk_column_aliases")).code == .sqlNotAllowed)
    }

    @Test func chatQuestionsUseTheNamesAndSaySo() async throws {
        let (_, client) = try await Self.loaded()
        _ = try await client.call(QuerySetColumnNamesRequest(table: "sales", column: "amount", names: ["revenue"]))
        let session = try await client.call(ChatStartRequest(title: nil)).sessionId
        let answer = try await client.call(ChatSendRequest(sessionId: session, text: "revenue by region"))
        #expect(answer.interpretation == "Total amount (you call it revenue) by region")
        #expect(answer.sql?.contains("sum(\"amount\")") == true)
        #expect(answer.result?.rows.contains { $0 == ["North", 150] } == true, "\(answer.result?.rows ?? [])")
    }

    @Test func answeringAClarificationWithAColumnTeachesTheWord() async throws {
        let (_, client) = try await Self.loaded()
        let session = try await client.call(ChatStartRequest(title: nil)).sessionId
        let asked = try await client.call(ChatSendRequest(sessionId: session, text: "total takings by region"))
        #expect(asked.needsClarification == true)
        #expect(asked.unknownWords == ["takings"], "\(asked.interpretation)")
        let reply = try await client.call(ChatSendRequest(sessionId: session, text: "Amount"))
        #expect(reply.text.hasPrefix("Noted: in sales, “takings” means amount."), "\(reply.text)")
        #expect(reply.interpretation == "Total amount (you call it takings) by region")
        #expect(reply.sql?.contains("sum(\"amount\")") == true)
        #expect(Self.names(try await client.call(QueryDescribeRequest(table: "sales")), "amount") == ["takings"])
        // the next question uses it directly
        let later = try await client.call(ChatSendRequest(sessionId: session, text: "average takings by region"))
        #expect(later.sql?.contains("avg(\"amount\")") == true)
        // a reply that is not a column is an ordinary question
        _ = try await client.call(ChatSendRequest(sessionId: session, text: "total gizmos by region"))
        let other = try await client.call(ChatSendRequest(sessionId: session, text: "how many rows"))
        #expect(!other.text.hasPrefix("Noted"))
        #expect(Self.names(try await client.call(QueryDescribeRequest(table: "sales")), "amount") == ["takings"])
    }
}
