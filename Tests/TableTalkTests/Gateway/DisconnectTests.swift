import Foundation
import Testing
import TableTalkProtocol

/// A client that disconnects mid-request: its work is cancelled, the server and other clients go on.
@Suite struct DisconnectTests {
    @Test func disconnectMidQueryLeavesTheServerHealthy() async throws {
        let server = try ServerProcess(["serve", "--port", "0", "--token", "dc-token"])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let ws = "ws://\(url.host!):\(url.port!)/rpc?token=dc-token"
        let init1 = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"1.0"}}"#
        for _ in 0..<5 {
            let leaver = WebSocketConnection(url: ws)
            try await leaver.send(init1)
            _ = try await leaver.receive()
            try await leaver.send(#"{"jsonrpc":"2.0","id":1,"method":"query.run","params":{"sql":"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"}}"#)
            await leaver.close()
        }
        let stayer = WebSocketConnection(url: ws)
        try await stayer.send(init1)
        _ = try await stayer.receive()
        // The server notices the closed sockets asynchronously: poll (bounded) until only this client is left.
        var active: JSONValue?
        for i in 0..<100 {
            try await stayer.send(#"{"jsonrpc":"2.0","id":"s\#(i)","method":"monitoring.stats"}"#)
            active = try #require(try await stayer.receive())["result"]?["activeConnections"]
            if active == 1 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(active == 1)
        try await stayer.send(#"{"jsonrpc":"2.0","id":3,"method":"query.run","params":{"sql":"SELECT 41 + 1 AS answer"}}"#)
        let answer = try #require(try await stayer.receive())
        #expect(answer["result"]?["rows"] == [[42]])
        await stayer.close()
        #expect(server.process.isRunning)
    }
}
