public import Foundation

/// One DynamoDB attribute value in DynamoDB JSON (`{"S": "text"}`, `{"N": "42"}`, `{"BOOL": true}`, `{"NULL": true}`,
/// `{"M": {…}}`, `{"L": […]}`): the shapes the history table uses, coded by hand so the wire form is exact.
public enum DynamoValue: Sendable, Hashable, Codable {
    case s(String)
    /// A number in DynamoDB's decimal text form (no exponent, up to 38 digits).
    case n(String)
    case bool(Bool)
    case null
    case m([String: DynamoValue])
    case l([DynamoValue])

    /// An integer number.
    public static func int(_ value: Int64) -> DynamoValue { .n(String(value)) }
    public static func int(_ value: Int) -> DynamoValue { .n(String(value)) }

    /// A double written so it reads back as the same double (shortest round-trip digits, never an exponent,
    /// which DynamoDB numbers do not take); a non-finite value becomes 0.
    public static func double(_ value: Double) -> DynamoValue {
        guard value.isFinite else { return .n("0") }
        let text = "\(value)"
        guard text.contains("e") || text.contains("E") else { return .n(text.hasSuffix(".0") ? String(text.dropLast(2)) : text) }
        return .n(Decimal(string: text).map { "\($0)" } ?? "0")
    }

    /// A date as seconds since the reference date (the form the SQLite store keeps), exact on the way back.
    public static func date(_ value: Date) -> DynamoValue { double(value.timeIntervalSinceReferenceDate) }

    /// `.s(text)` or `.null` when there is no text.
    public static func optional(_ text: String?) -> DynamoValue { text.map { .s($0) } ?? .null }

    public var string: String? { if case .s(let v) = self { v } else { nil } }
    public var double: Double? { if case .n(let v) = self { Double(v) } else { nil } }
    public var int64: Int64? {
        guard case .n(let v) = self else { return nil }
        return Int64(v) ?? Double(v).map { Int64($0) }
    }
    public var bool: Bool? { if case .bool(let v) = self { v } else { nil } }
    public var date: Date? { double.map { Date(timeIntervalSinceReferenceDate: $0) } }

    private enum Key: String, CodingKey { case S, N, BOOL, NULL, M, L }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let v = try c.decodeIfPresent(String.self, forKey: .S) { self = .s(v); return }
        if let v = try c.decodeIfPresent(String.self, forKey: .N) { self = .n(v); return }
        if let v = try c.decodeIfPresent(Bool.self, forKey: .BOOL) { self = .bool(v); return }
        if try c.decodeIfPresent(Bool.self, forKey: .NULL) != nil { self = .null; return }
        if let v = try c.decodeIfPresent([String: DynamoValue].self, forKey: .M) { self = .m(v); return }
        if let v = try c.decodeIfPresent([DynamoValue].self, forKey: .L) { self = .l(v); return }
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath, debugDescription: "unsupported DynamoDB attribute value type"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .s(let v): try c.encode(v, forKey: .S)
        case .n(let v): try c.encode(v, forKey: .N)
        case .bool(let v): try c.encode(v, forKey: .BOOL)
        case .null: try c.encode(true, forKey: .NULL)
        case .m(let v): try c.encode(v, forKey: .M)
        case .l(let v): try c.encode(v, forKey: .L)
        }
    }
}

/// One DynamoDB item (or key): attribute names to values.
public typealias DynamoItem = [String: DynamoValue]
