import Logging
import TableTalkCore
import TableTalkProtocol

/// Turns anything a handler throws into its wire form, once. Unknown errors are logged and sent as a
/// generic `internalError` without their details.
enum ErrorMapping {
    static func rpcError(for error: any Error, logger: Logger, method: String) -> RPCError {
        switch error {
        case let e as any RPCErrorConvertible:
            return e.rpcError
        case let e as TableTalkError:
            var data: [String: JSONValue] = e.details.mapValues { .string($0) }
            data["kind"] = .string(String(describing: e.kind))
            return RPCError(ErrorCode(e.code), e.message, data: .object(data))
        case is CancellationError:
            return .cancelled
        default:
            logger.error("unhandled error in \(method): \(String(reflecting: error))")
            return .internalError("internal error while handling \(method); see the server log")
        }
    }
}
