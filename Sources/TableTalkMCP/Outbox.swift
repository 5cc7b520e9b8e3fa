import Foundation
import MCP

/// Where the 2026-07-28 face writes: the client's transport. A write to a closed client is dropped (the client
/// left; nothing else can be done with the reply).
struct Outbox: Sendable {
    let transport: any Transport

    func send(_ frame: Data) async {
        try? await transport.send(frame)
    }
}
