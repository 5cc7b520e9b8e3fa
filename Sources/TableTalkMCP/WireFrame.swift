import Foundation
import MCP

/// The frames the 2026-07-28 face writes: results, errors and notifications.
enum WireFrame {
    static func result(_ id: ID, _ result: Value) -> Data {
        encode(["jsonrpc": "2.0", "id": value(of: id), "result": result])
    }

    static func error(_ id: ID?, _ error: WireError) -> Data {
        encode(["jsonrpc": "2.0", "id": id.map(value(of:)) ?? .null, "error": error.value])
    }

    static func notification(_ method: String, _ params: Value) -> Data {
        encode(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    static func value(of id: ID) -> Value {
        switch id {
        case .string(let s): return .string(s)
        case .number(let n): return .int(n)
        }
    }

    private static func encode(_ frame: Value) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // A Value always encodes; an empty object is the impossible fallback.
        return (try? encoder.encode(frame)) ?? Data("{}".utf8)
    }
}
