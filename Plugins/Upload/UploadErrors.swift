import TableTalkCore
import TableTalkProtocol

/// Wire form of upload errors: like the broker's mapping (`data.kind` plus details), but byte counts
/// (`expected`, `received`, `size`, `limit`) and line numbers are JSON integers, so a client can resume from
/// `data.expected` without parsing.
enum UploadErrors {
    static let numericKeys: Set<String> = ["expected", "offset", "received", "size", "limit", "line"]

    static func rpc(_ error: TableTalkError) -> RPCError {
        var data: [String: JSONValue] = ["kind": .string(String(describing: error.kind))]
        for (key, value) in error.details {
            if numericKeys.contains(key), let n = Int64(value) { data[key] = .int(n) } else { data[key] = .string(value) }
        }
        return RPCError(ErrorCode(error.code), error.message, data: .object(data))
    }

    /// Runs `body`, converting ``TableTalkError`` to its wire form.
    static func mapped<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TableTalkError {
            throw rpc(error)
        }
    }
}
