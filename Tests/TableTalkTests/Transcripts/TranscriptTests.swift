import Foundation
import Testing
import TableTalkProtocol

/// Every transcript in `Protocol/transcripts/` replayed against the real binary, over stdio and WebSocket.
@Suite("Transcripts", .serialized)
struct TranscriptTests {
    static let names = (try? Transcript.all().map(\.name)) ?? []

    @Test("over stdio", arguments: names)
    func stdio(_ name: String) async throws {
        let transcript = try Transcript.load(name)
        let connection = try StdioConnection()
        try await TranscriptPlayer.play(transcript, over: connection)
        await connection.close()
    }

    @Test("over WebSocket", arguments: names)
    func websocket(_ name: String) async throws {
        let transcript = try Transcript.load(name)
        let server = try ServerProcess(["serve", "--port", "0", "--token", "transcript-token"])
        defer { server.terminate() }
        let url = try await server.servedURL()
        let connection = WebSocketConnection(url: "ws://\(url.host!):\(url.port!)/rpc?token=transcript-token")
        try await TranscriptPlayer.play(transcript, over: connection)
        await connection.close()
    }

    @Test func thereAreTranscriptsForEachRequiredArea() throws {
        for required in ["lifecycle", "errors", "batch", "cancellation", "discover", "monitoring"] {
            #expect(Self.names.contains(required), "missing Protocol/transcripts/\(required).jsonl")
        }
    }
}
