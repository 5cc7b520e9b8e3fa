import Foundation

extension MessageDecoder {
    /// The fast path for the shape nearly every frame has: one object with `"jsonrpc":"2.0"`, a plain method
    /// name, an integer or plain string id (or none), and object params of a registered type. Anything else
    /// returns nil and goes through the general decoder, which gives the same answer for these frames (a test
    /// compares both on thousands of random and mutated frames).
    /// The parts of a valid frame's envelope the fast path needs, read while its bytes are at hand.
    struct CommonHead {
        var method: String
        var id: RequestID?
        var params: Range<Int>?
    }

    /// The method and id of a frame of the common shape (plain strings, an integer id, no result or error), or nil.
    static func commonHead(_ bytes: UnsafeRawBufferPointer, _ env: EnvelopeScanner.Envelope) -> CommonHead? {
        guard env.plain, !env.hasResultOrError,
            let version = env.jsonrpc, EnvelopeScanner.equals(bytes, version, "\"2.0\""),
            let methodRange = env.method, let method = plainString(bytes, methodRange)
        else { return nil }
        var id: RequestID?
        if let idRange = env.id {
            if let s = plainString(bytes, idRange) {
                id = .string(s)
            } else if let n = integer(bytes, idRange) {
                id = .number(n)
            } else {
                return nil
            }
        }
        return CommonHead(method: method, id: id, params: env.params)
    }

    /// - Parameter head: the frame's method and id, from the validation pass (the frame is valid JSON).
    func decodeCommonShape(_ data: Data, _ head: CommonHead) -> IncomingMessage? {
        let method = head.method, id = head.id
        let type: (any (Decodable & Sendable).Type)? =
            id == nil ? types.notifications[method] ?? types.requests[method] : types.requests[method]
        guard let type else { return nil }

        let params: IncomingParams
        if let r = head.params, data[data.startIndex + r.lowerBound] != UInt8(ascii: "n") {
            switch data[data.startIndex + r.lowerBound] {
            case UInt8(ascii: "["):
                params = .invalid(.invalidParams("params must be an object (by-name)"))
            case UInt8(ascii: "{"):
                let slice = data[(data.startIndex + r.lowerBound)..<(data.startIndex + r.upperBound)]
                do {
                    params = .typed(try JSONDecoder().decode(type, from: slice))
                } catch let error as DecodingError {
                    params = .invalid(.invalidParams(DecodingError.describe(error, under: ["params"])))
                } catch {
                    params = .invalid(.invalidParams(DecodingError.unreadableParams))
                }
            default:
                return nil
            }
        } else {
            params = box.emptyParams(of: type)
        }
        if let id { return .request(id, method: method, params: params) }
        return .notification(method: method, params: params)
    }

    /// The text of a JSON string without escapes, or nil (not a string, or escaped).
    private static func plainString(_ bytes: UnsafeRawBufferPointer, _ r: Range<Int>) -> String? {
        guard r.count >= 2, bytes[r.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(r.lowerBound + 1)..<(r.upperBound - 1)])
        guard !inner.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// A JSON integer without fraction or exponent that fits in Int64, or nil.
    private static func integer(_ bytes: UnsafeRawBufferPointer, _ r: Range<Int>) -> Int64? {
        var k = r.lowerBound
        let negative = bytes[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        guard k < r.upperBound else { return nil }
        var value: Int64 = 0
        while k < r.upperBound {
            let c = bytes[k]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(c - UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (v, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = v
            k += 1
        }
        return value
    }
}
