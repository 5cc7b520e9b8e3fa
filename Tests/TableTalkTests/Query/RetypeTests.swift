import Foundation
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `query.alterColumn` never destroys data: a lossy change is refused with 2009 `typeConversion` (count and
/// samples) until confirmed, and changing a column back restores its original values exactly.
@Suite struct RetypeTests {
    static let csv = "code,flag,when\n001,yes,2024-01-05\n002,no,2024-02-06\nx7,yes,2024-03-07\nN/A,no,soon\n,yes,2024-05-09\n"

    static func loaded() async throws -> (UploadHarness, TestClient) {
        let h = try UploadHarness()
        let client = try await h.client()
        _ = try await client.upload(Data(csv.utf8), name: "r.csv")
        return (h, client)
    }

    @Test func lossyChangeIsRefusedWithCountAndSamplesAndChangesNothing() async throws {
        let (_, client) = try await Self.loaded()
        let before = try await client.call(QueryRunRequest(sql: "SELECT code FROM r ORDER BY rowid")).rows
        let e = try await client.error(QueryAlterColumnRequest(table: "r", column: "code", type: .integer))
        #expect(e.code.rawValue == 2009)
        #expect(e.data?["failing"] == 1)
        #expect(e.data?["samples"] == ["x7"])
        #expect(e.data?["column"] == "code" && e.data?["type"] == "INTEGER" && e.data?["table"] == "r")
        #expect(try await client.call(QueryRunRequest(sql: "SELECT code FROM r ORDER BY rowid")).rows == before)
        #expect(try await client.call(QueryDescribeRequest(table: "r")).columns.first { $0.name == "code" }?.type == .text)
    }

    @Test func confirmedLossyChangeAppliesAndChangingBackRestoresEveryValue() async throws {
        let (_, client) = try await Self.loaded()
        let sql = "SELECT code, typeof(code) FROM r ORDER BY rowid"
        let original = try await client.call(QueryRunRequest(sql: sql)).rows
        let retyped = try await client.call(QueryAlterColumnRequest(table: "r", column: "code", type: .integer, confirm: true))
        let code = try #require(retyped.columns.first { $0.name == "code" })
        #expect(code.type == .integer && code.notes.contains { $0.contains("1 value(s) could not be converted") })
        #expect(try await client.call(QueryRunRequest(sql: "SELECT code FROM r ORDER BY rowid")).rows == [[1], [2], [.null], [.null], [.null]])
        // Through another type and back: every re-type converts from the originals.
        _ = try await client.call(QueryAlterColumnRequest(table: "r", column: "code", type: .real))
        let back = try await client.call(QueryAlterColumnRequest(table: "r", column: "code", type: .text))
        #expect(back.columns.first { $0.name == "code" }?.type == .text)
        #expect(try await client.call(QueryRunRequest(sql: sql)).rows == original)
        #expect(try await client.call(QueryRunRequest(sql: "SELECT code FROM r WHERE code = '001'")).rows == [["001"]])
    }

    @Test func keptOriginalsAreNotReadableBySQL() async throws {
        let (_, client) = try await Self.loaded()
        _ = try await client.call(QueryAlterColumnRequest(table: "r", column: "code", type: .integer, confirm: true))
        for table in ["_tabletalk_original_values", "_tabletalk_original_columns"] {
            let e = try await client.error(QueryRunRequest(sql: "SELECT * FROM \(table)"))
            #expect(e.code.rawValue == 2003 || e.code.rawValue == 2000, "\(table): \(e.message)")
        }
        #expect(try await client.call(QueryTablesRequest()).tables.map(\.name) == ["r"])
    }

    @Test func afterAConfirmedChangeFurtherChangesOnlyAskAboutValuesStillShown() async throws {
        let (_, client) = try await Self.loaded()
        _ = try await client.call(QueryAlterColumnRequest(table: "r", column: "code", type: .integer, confirm: true))
        // x7 is already empty: REAL loses nothing more, so no question.
        let real = try await client.call(QueryAlterColumnRequest(table: "r", column: "code", type: .real))
        #expect(real.columns.first { $0.name == "code" }?.type == .real)
        // BOOLEAN would empty 001 and 002 (values shown now): asked again, about those only (not x7).
        let e = try await client.error(QueryAlterColumnRequest(table: "r", column: "code", type: .boolean))
        #expect(e.code.rawValue == 2009 && e.data?["failing"] == 2 && e.data?["samples"] == ["001", "002"])
    }

    @Test func losslessChangeNeedsNoConfirmation() async throws {
        let (_, client) = try await Self.loaded()
        let flag = try await client.call(QueryAlterColumnRequest(table: "r", column: "flag", type: .text))
        #expect(flag.columns.first { $0.name == "flag" }?.type == .text)
        #expect(try await client.call(QueryRunRequest(sql: "SELECT flag FROM r ORDER BY rowid LIMIT 2")).rows == [["true"], ["false"]])
        _ = try await client.call(QueryAlterColumnRequest(table: "r", column: "flag", type: .boolean))
        #expect(try await client.call(QueryRunRequest(sql: "SELECT flag FROM r ORDER BY rowid LIMIT 2")).rows == [[1], [0]])
    }

    @Test func originalsFollowRenameAndAreForgottenOnDropAndReupload() async throws {
        let (_, client) = try await Self.loaded()
        _ = try await client.call(QueryAlterColumnRequest(table: "r", column: "when", type: .date, confirm: true))
        _ = try await client.call(QueryRenameTableRequest(table: "r", newName: "r2"))
        _ = try await client.call(QueryAlterColumnRequest(table: "r2", column: "when", type: .text))
        #expect(try await client.call(QueryRunRequest(sql: "SELECT \"when\" FROM r2 WHERE \"when\" = 'soon'")).rows == [["soon"]])
        _ = try await client.call(QueryAlterColumnRequest(table: "r2", column: "code", type: .integer, confirm: true))
        #expect(try await client.call(QueryDropTableRequest(table: "r2")).dropped)
        // A new table of the same name starts with its own values as originals.
        _ = try await client.upload(Data("code\n5\n6\n".utf8), name: "r2.csv")
        _ = try await client.call(QueryAlterColumnRequest(table: "r2", column: "code", type: .text))
        #expect(try await client.call(QueryRunRequest(sql: "SELECT code FROM r2 ORDER BY rowid")).rows == [["5"], ["6"]])
        // Re-uploading over a re-typed table replaces its originals too.
        _ = try await client.upload(Data("n\n1\n2\n".utf8), name: "s.csv")
        _ = try await client.call(QueryAlterColumnRequest(table: "s", column: "n", type: .text))
        _ = try await client.upload(Data("n\n7\n8\n".utf8), name: "s.csv")
        _ = try await client.call(QueryAlterColumnRequest(table: "s", column: "n", type: .text))
        #expect(try await client.call(QueryRunRequest(sql: "SELECT n FROM s ORDER BY rowid")).rows == [["7"], ["8"]])
    }
}
