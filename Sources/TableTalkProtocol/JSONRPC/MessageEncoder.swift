public import Foundation

/// Encodes outgoing responses and notifications as single JSON objects.
public struct MessageEncoder: Sendable {
    public init() {}

    public func response(id: RequestID, result: some Encodable) throws -> Data {
        try JSONEncoder().encode(ResultEnvelope(id: id, result: result))
    }

    /// A response whose result is already encoded JSON (a handler's output), without decoding it again.
    public func response(id: RequestID, encodedResult: Data) -> Data {
        var out = Data(capacity: 48 + encodedResult.count)
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        MessageEncoder.append(id, to: &out)
        out.append(contentsOf: #","result":"#.utf8)
        out.append(encodedResult)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Writes an id as JSON; plain ids without a JSON encoder (this runs once per reply).
    static func append(_ id: RequestID, to out: inout Data) {
        switch id {
        case .number(let n):
            out.append(contentsOf: String(n).utf8)
        case .string(let s) where s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }):
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
        case .string:
            out.append((try? JSONEncoder().encode(id)) ?? Data("null".utf8))
        }
    }

    public func error(id: RequestID?, error: RPCError) -> Data {
        (try? JSONEncoder().encode(ErrorEnvelope(id: id, error: error)))
            ?? Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}}"#.utf8)
    }

    public func notification(method: String, params: some Encodable) throws -> Data {
        try JSONEncoder().encode(RequestEnvelope(id: nil, method: method, params: params))
    }

    public func request(id: RequestID, method: String, params: some Encodable) throws -> Data {
        try JSONEncoder().encode(RequestEnvelope(id: id, method: method, params: params))
    }

    /// Joins already-encoded messages into one batch array.
    public func batch(_ parts: [Data]) -> Data {
        var out = Data("[".utf8)
        for (i, p) in parts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(p)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}

private struct ResultEnvelope<R: Encodable>: Encodable {
    let id: RequestID
    let result: R
    enum K: String, CodingKey { case jsonrpc, id, result }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode("2.0", forKey: .jsonrpc)
        try c.encode(id, forKey: .id)
        try c.encode(result, forKey: .result)
    }
}

private struct ErrorEnvelope: Encodable {
    let id: RequestID?
    let error: RPCError
    enum K: String, CodingKey { case jsonrpc, id, error }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode("2.0", forKey: .jsonrpc)
        if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
        try c.encode(error, forKey: .error)
    }
}

private struct RequestEnvelope<P: Encodable>: Encodable {
    let id: RequestID?
    let method: String
    let params: P
    enum K: String, CodingKey { case jsonrpc, id, method, params }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode("2.0", forKey: .jsonrpc)
        if let id { try c.encode(id, forKey: .id) }
        try c.encode(method, forKey: .method)
        try c.encode(params, forKey: .params)
    }
}
