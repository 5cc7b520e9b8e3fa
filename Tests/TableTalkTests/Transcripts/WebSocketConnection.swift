import Foundation
import HummingbirdWSClient
import Logging
import Synchronization
import TableTalkProtocol

/// A transcript connection over a real WebSocket to `/rpc` of a running server.
final class WebSocketConnection: TranscriptConnection {
    private let outgoing: AsyncStream<String>.Continuation
    private let incoming = LineQueue()
    private let task: Task<Void, any Error>

    /// Connects to `ws://host:port/rpc?token=…`.
    init(url: String) {
        let (out, outCont) = AsyncStream.makeStream(of: String.self)
        outgoing = outCont
        let incCont = incoming
        task = Task {
            defer { incCont.finish() }
            try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 32 << 20), logger: Logger(label: "ws-test")) {
                inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await text in out { try await outbound.write(.text(text)) }
                    }
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 32 << 20) {
                            if case .text(let t) = message { incCont.push(t) }
                        }
                        incCont.finish()
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    func send(_ text: String) async throws { outgoing.yield(text) }

    func receive() async throws -> JSONValue? {
        guard let text = await incoming.next() else { return nil }
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func close() async {
        outgoing.finish()
        task.cancel()
        _ = await task.result
    }
}
