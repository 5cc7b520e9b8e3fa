import Foundation
import Synchronization
import Testing
import TableTalkMCP
import TableTalkProtocol

/// The MCP face's in-process client of the broker.
@Suite struct BrokerChannelTests {
    /// Concurrent imports each hear only their own `upload.progress` (a call that listens runs on its own session).
    @Test func concurrentCallsHearOnlyTheirOwnNotifications() async throws {
        let h = try await MCPHarness()
        let other = h.importDir.appendingPathComponent("other.csv")
        try Data(("k,v\n" + (1...300).map { "r\($0),\($0)\n" }.joined()).utf8).write(to: other)
        let shop = h.importDir.appendingPathComponent("shop.csv")
        let heard = Heard()
        let channel = h.channel
        try await withThrowingTaskGroup(of: (String, String).self) { group in
            for (label, file) in [("a", shop), ("b", other), ("c", shop)] {
                group.addTask {
                    let result = try await channel.call(UploadImportFileRequest(path: file.path, table: "t_\(label)")) { method, params in
                        guard method == UploadProgressNotification.method, let id = params["uploadId"]?.stringValue else { return }
                        heard.add(id, to: label)
                    }
                    return (label, result.uploadId)
                }
            }
            for try await (label, uploadId) in group {
                let ids = heard.ids(of: label)
                #expect(ids == [uploadId], "\(label) heard \(ids)")
            }
        }
    }

    @Test func brokerErrorsArriveAsRPCErrors() async throws {
        let h = try await MCPHarness()
        await #expect {
            _ = try await h.channel.call(QueryDescribeRequest(table: "missing"))
        } throws: { ($0 as? RPCError)?.code == .tableNotFound }
    }
}

/// Upload ids heard per call.
final class Heard: Sendable {
    private let byLabel = Mutex<[String: Set<String>]>([:])
    func add(_ id: String, to label: String) { byLabel.withLock { _ = $0[label, default: []].insert(id) } }
    func ids(of label: String) -> Set<String> { byLabel.withLock { $0[label] ?? [] } }
}
