import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import TableTalkBroker

/// Sends a session's messages as WebSocket text frames.
struct WebSocketSink: MessageSink {
    let outbound: WebSocketOutboundWriter

    func send(_ message: Data) async {
        // The bytes are UTF-8 JSON already: frame them as text without a round trip through String.
        try? await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: message))))
    }

    func close() async {
        try? await outbound.close(.normalClosure, reason: "exit")
    }
}
