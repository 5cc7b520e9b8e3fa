/// A JSON-RPC request id: a string or a number, echoed back unchanged.
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case number(Int64)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int64.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "id must be a string or an integer")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        }
    }

    /// The id as a JSON value (for error `data`).
    public var jsonValue: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .number(let n): return .int(n)
        }
    }

    public var description: String {
        switch self {
        case .string(let s): return "\"\(s)\""
        case .number(let n): return String(n)
        }
    }
}
