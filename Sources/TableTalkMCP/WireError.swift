import Foundation
import MCP

/// A JSON-RPC error as the 2026-07-28 face sends it: code, message and optional data. The SDK's `MCPError` carries
/// no data for server errors, and `-32022` (unsupported protocol version) must name the supported versions.
struct WireError: Error, Sendable, Equatable {
    let code: Int
    let message: String
    let data: Value?

    init(code: Int, message: String, data: Value? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// An error thrown by the shared tools and resources, in the words the handshake revisions send too.
    init(_ error: any Error) {
        if let wire = error as? WireError {
            self = wire
        } else if let mcp = error as? MCPError, let encoded = try? Value(mcp), let object = encoded.objectValue {
            self.init(code: mcp.code, message: object["message"]?.stringValue ?? "\(mcp)", data: object["data"])
        } else {
            self.init(code: -32603, message: "Internal error: \(error)")
        }
    }

    /// `-32022`: the request's revision is not served; `data` lists the revisions that are.
    static func unsupportedVersion(_ requested: String, supported: [String] = ProtocolRevisions.all) -> WireError {
        WireError(
            code: -32022, message: "Unsupported protocol version \(requested)",
            data: ["supported": .array(supported.map { .string($0) }), "requested": .string(requested)])
    }

    static func invalidParams(_ message: String) -> WireError { WireError(code: -32602, message: message) }

    static func invalidRequest(_ message: String) -> WireError { WireError(code: -32600, message: message) }

    static let parseError = WireError(code: -32700, message: "Parse error")

    static func methodNotFound(_ method: String) -> WireError {
        WireError(code: -32601, message: "Method not found: \(method)")
    }

    /// The `error` member of a reply.
    var value: Value {
        var object: [String: Value] = ["code": .int(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}
