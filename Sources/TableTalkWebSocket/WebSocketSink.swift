import Foundation
import HummingbirdWebSocket
import NIOWebSocket
import TableTalkBroker

/// Sends a session's messages as WebSocket text frames.
struct WebSocketSink: MessageSink {
    let outbound: WebSocketOutboundWriter

    func send(_ message: Data) async {
        try? await outbound.write(.text(String(decoding: message, as: UTF8.self)))
    }

    func close() async {
        try? await outbound.close(.normalClosure, reason: "exit")
    }
}
