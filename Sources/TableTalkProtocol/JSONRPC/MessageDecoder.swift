public import Foundation

/// Decodes frames into ``IncomingMessage``s, looking up each method's params type by name and decoding
/// `params` straight into it (once). Invalid JSON is a parse error for the whole frame.
public struct MessageDecoder: Sendable {
    public let types: MessageTypes
    /// The types in the form the envelope decoder reads from `userInfo` (made once, not per frame).
    let box: TypesBox

    public init(types: MessageTypes) {
        self.types = types
        self.box = TypesBox(types)
    }

    /// A frame holds one message or a batch.
    public enum Frame: Sendable {
        case single(IncomingMessage)
        case batch([IncomingMessage])
        case parseError(RPCError)
    }

    /// Validates the frame strictly (one pass, see ``EnvelopeScanner``), then decodes it: the common request
    /// shape on the fast path, anything else through Foundation. A frame that is not valid JSON is always a
    /// parse error, whatever member the problem is in.
    public func decode(_ data: Data) -> Frame {
        // One pass over the bytes: validation, and the common shape's method and id while they are at hand.
        let (outcome, head): (EnvelopeScanner.Outcome, CommonHead?) = data.withUnsafeBytes { bytes in
            let outcome = EnvelopeScanner.scan(bytes)
            guard case .valid(let env?, let fractional) = outcome, fractional.isEmpty else { return (outcome, nil) }
            return (outcome, Self.commonHead(bytes, env))
        }
        switch outcome {
        case .invalid(let reason, let offset):
            return .parseError(.parseError("the frame is not valid JSON: \(reason) (at byte \(offset))"))
        case .tooDeep:
            return .parseError(.parseError(
                "the frame nests arrays and objects more than \(EnvelopeScanner.maxDepth) levels deep (the protocol's limit)"))
        case .valid(_, let fractionalIDs):
            if !fractionalIDs.isEmpty { return Self.refusingFractionalIDs(decodeGeneral(data), at: fractionalIDs) }
            if let head, let message = decodeCommonShape(data, head) { return .single(message) }
            return decodeGeneral(data)
        }
    }

    /// An id such as `1.0` or `1e0` is refused: it would be read as the integer 1 and echoed as `1`, not as sent.
    static func refusingFractionalIDs(_ frame: Frame, at indices: [Int]) -> Frame {
        let refusal = IncomingMessage.invalid(
            nil, .invalidRequest("\"id\" must be a string or an integer written without a fraction or exponent"))
        switch frame {
        case .single: return .single(refusal)
        case .batch(var messages):
            for k in indices where k < messages.count { messages[k] = refusal }
            return .batch(messages)
        case .parseError: return frame
        }
    }

    /// Any valid frame, through Foundation's decoder (the reference the fast path is tested against). Callers
    /// validate first: Foundation alone accepts some invalid JSON in members it does not read.
    func decodeGeneral(_ data: Data) -> Frame {
        let decoder = JSONDecoder()
        decoder.userInfo[MessageDecoder.typesKey] = box
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            return .parseError(.parseError("empty message"))
        }
        do {
            if first == UInt8(ascii: "[") {
                let items = try decoder.decode([MessageBox].self, from: data)
                if items.isEmpty { return .single(.invalid(nil, .invalidRequest("empty batch"))) }
                return .batch(items.map(\.message))
            }
            return .single(try decoder.decode(MessageBox.self, from: data).message)
        } catch {
            return .parseError(.parseError("the frame is not valid JSON"))
        }
    }

    static let typesKey = CodingUserInfoKey(rawValue: "tabletalk.messageTypes")!
}

final class TypesBox: @unchecked Sendable {
    let types: MessageTypes
    /// Each params type decoded from `{}` once (absent or null params), or why it cannot be.
    let emptyParams: [ObjectIdentifier: Result<any Sendable, RPCError>]

    init(_ types: MessageTypes) {
        self.types = types
        var empty: [ObjectIdentifier: Result<any Sendable, RPCError>] = [:]
        let all: [any (Decodable & Sendable).Type] = Array(types.requests.values) + Array(types.notifications.values)
        for type in all { empty[ObjectIdentifier(type)] = Self.decodeEmpty(type) }
        self.emptyParams = empty
    }

    /// Params of a message that has none (or `null`).
    func emptyParams(of type: any (Decodable & Sendable).Type) -> IncomingParams {
        switch emptyParams[ObjectIdentifier(type)] ?? Self.decodeEmpty(type) {
        case .success(let value): return .typed(value)
        case .failure(let error): return .invalid(error)
        }
    }

    /// `type` decoded from `{}`, or the params error that gives.
    private static func decodeEmpty(_ type: any (Decodable & Sendable).Type) -> Result<any Sendable, RPCError> {
        do {
            return .success(try JSONDecoder().decode(type, from: Data("{}".utf8)))
        } catch let error as DecodingError {
            return .failure(.invalidParams(DecodingError.describe(error)))
        } catch {
            return .failure(.invalidParams(DecodingError.unreadableParams))
        }
    }
}

/// Decodes one envelope without throwing for structural problems (only invalid JSON throws, from the decoder).
struct MessageBox: Decodable {
    let message: IncomingMessage

    enum Key: String, CodingKey { case jsonrpc, id, method, params, result, error }

    init(from decoder: any Decoder) throws {
        let box = (decoder.userInfo[MessageDecoder.typesKey] as? TypesBox) ?? TypesBox(MessageTypes())
        guard let c = try? decoder.container(keyedBy: Key.self) else {
            // Still has to be valid JSON: consume it as a value so syntax errors surface as parse errors.
            _ = try decoder.singleValueContainer().decode(JSONValue.self)
            message = .invalid(nil, .invalidRequest("a message must be a JSON object"))
            return
        }
        var id: RequestID?
        var idValid = true
        if c.contains(.id) {
            if (try? c.decodeNil(forKey: .id)) == true {
                id = nil
            } else if let v = try? c.decode(RequestID.self, forKey: .id) {
                id = v
            } else {
                idValid = false
            }
        }
        guard (try? c.decode(String.self, forKey: .jsonrpc)) == "2.0" else {
            message = .invalid(id, .invalidRequest("\"jsonrpc\" must be \"2.0\""))
            return
        }
        guard idValid else {
            message = .invalid(nil, .invalidRequest("\"id\" must be a string or an integer"))
            return
        }
        guard c.contains(.method) else {
            if let id, c.contains(.result) {
                message = .response(id, .success((try? c.decode(JSONValue.self, forKey: .result)) ?? .null))
            } else if c.contains(.error), let err = try? c.decode(RPCError.self, forKey: .error), let id {
                message = .response(id, .failure(err))
            } else {
                message = .invalid(id, .invalidRequest("missing \"method\""))
            }
            return
        }
        guard let method = try? c.decode(String.self, forKey: .method) else {
            message = .invalid(id, .invalidRequest("\"method\" must be a string"))
            return
        }
        let isNotification = !c.contains(.id)
        let params = MessageBox.decodeParams(c, method: method, notification: isNotification, box: box)
        if isNotification {
            message = .notification(method: method, params: params)
        } else if let id {
            message = .request(id, method: method, params: params)
        } else {
            message = .invalid(nil, .invalidRequest("\"id\" must not be null"))
        }
    }

    static func decodeParams(
        _ c: KeyedDecodingContainer<Key>, method: String, notification: Bool, box: TypesBox
    ) -> IncomingParams {
        let types = box.types
        let type: (any (Decodable & Sendable).Type)? =
            notification ? types.notifications[method] ?? types.requests[method] : types.requests[method]
        guard let type else {
            return .raw(c.contains(.params) ? (try? c.decode(JSONValue.self, forKey: .params)) : nil)
        }
        do {
            if c.contains(.params), (try? c.decodeNil(forKey: .params)) != true {
                if let raw = try? c.decode(JSONValue.self, forKey: .params), case .array = raw {
                    return .invalid(.invalidParams("params must be an object (by-name)"))
                }
                return .typed(try type.init(from: c.superDecoder(forKey: .params)))
            }
            return box.emptyParams(of: type)
        } catch let error as DecodingError {
            return .invalid(.invalidParams(DecodingError.describe(error)))
        } catch {
            return .invalid(.invalidParams(DecodingError.unreadableParams))
        }
    }
}

extension DecodingError {
    /// What a client is told when params fail to decode for a reason that is not about one field.
    static let unreadableParams = "params could not be read as this method's fields"

    /// A short, client-facing description naming the offending field.
    /// - Parameter prefix: keys above the decoded value (the fast path decodes `params` on its own).
    static func describe(_ error: DecodingError, under prefix: [String] = []) -> String {
        func path(_ p: [any CodingKey]) -> String {
            let s = (prefix + p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }).joined(separator: ".")
            return s.isEmpty ? "params" : s
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing field \"\(path(ctx.codingPath + [key]))\""
        case .typeMismatch(let type, let ctx): return "field \"\(path(ctx.codingPath))\" should be \(type)"
        case .valueNotFound(let type, let ctx): return "field \"\(path(ctx.codingPath))\" should be \(type), not null"
        case .dataCorrupted(let ctx):
            // Foundation's own wording can name its internal types (`FoundationEssentials.JSONError…`): keep
            // only messages written for people.
            let plain = ctx.underlyingError == nil && !ctx.debugDescription.contains("Foundation")
            return plain ? "field \"\(path(ctx.codingPath))\": \(ctx.debugDescription)" : "field \"\(path(ctx.codingPath))\" is not a valid value"
        @unknown default: return "malformed params"
        }
    }
}
