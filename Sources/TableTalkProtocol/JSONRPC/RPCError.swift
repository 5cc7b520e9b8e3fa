/// The `error` member of a JSON-RPC response: `{code, message, data?}`.
public struct RPCError: Error, Codable, Hashable, Sendable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var data: JSONValue?

    public init(_ code: ErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "\(code): \(message)" }

    public static func parseError(_ detail: String) -> RPCError { .init(.parseError, "Parse error: \(detail)") }
    public static func invalidRequest(_ detail: String) -> RPCError { .init(.invalidRequest, "Invalid request: \(detail)") }
    public static func methodNotFound(_ method: String) -> RPCError {
        .init(.methodNotFound, "Method not found: \(method)", data: ["method": .string(method)])
    }
    public static func invalidParams(_ detail: String) -> RPCError { .init(.invalidParams, "Invalid params: \(detail)") }
    public static func internalError(_ detail: String = "internal error") -> RPCError { .init(.internalError, detail) }
    public static let cancelled = RPCError(.requestCancelled, "Request cancelled")
}

/// A domain error that knows its wire form. Anything thrown that is not one becomes `internalError`.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    public var rpcError: RPCError { self }
}
