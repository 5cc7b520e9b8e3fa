import TableTalkCore
import TableTalkProtocol

/// Wire form of upload errors: like the broker's mapping (`data.kind` plus details), but byte counts
/// (`expected`, `received`, `size`, `limit`) and line numbers are JSON integers, so a client can resume from
/// `data.expected` without parsing. Only byte counts are: a checksum mismatch's `expected` and `actual` are
/// digests and stay strings, even one that reads like a number (a sha256 of zeros is not `0`).
enum UploadErrors {
    static let numericKeys: Set<String> = ["expected", "offset", "received", "size", "limit", "line"]
    /// Errors whose details hold no byte counts.
    static let textOnlyKinds: Set<TableTalkError.Kind> = [.uploadChecksumMismatch]

    static func rpc(_ error: TableTalkError) -> RPCError {
        var data: [String: JSONValue] = ["kind": .string(String(describing: error.kind))]
        for (key, value) in error.details {
            if numericKeys.contains(key), !textOnlyKinds.contains(error.kind), let n = Int64(value) { data[key] = .int(n) } else { data[key] = .string(value) }
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
