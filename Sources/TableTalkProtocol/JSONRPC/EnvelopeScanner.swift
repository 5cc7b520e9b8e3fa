/// The strict JSON validator every frame goes through once (RFC 8259: no trailing commas, no raw control
/// characters in strings, no `1.` or `01`, only well-formed UTF-8, nothing after the value), iterative so its
/// time is linear in the frame's size whatever the nesting. On the way it records where a top-level object's
/// JSON-RPC members are, so the common request shape can skip Foundation's generic envelope decoding.
///
/// Nesting is limited to ``maxDepth`` arrays and objects (a documented protocol limit): deeper frames are
/// refused before any decoder sees them.
struct EnvelopeScanner {
    /// Byte ranges (relative to the frame) of the members that matter; other members are validated and skipped.
    struct Envelope {
        var jsonrpc: Range<Int>?
        var id: Range<Int>?
        var method: Range<Int>?
        var params: Range<Int>?
        var hasResultOrError = false
        /// False when a member name is escaped or a member repeats: the general decoder decides those.
        var plain = true
    }

    /// What a frame is.
    enum Outcome {
        /// Valid JSON; the envelope when it is an object, and which messages have an `id` written as a number
        /// with a fraction or exponent (`1.0`, `1e0`): `[0]` for a single message, element indices in a batch.
        case valid(Envelope?, fractionalIDs: [Int])
        /// Not valid JSON; `reason` in plain words, `offset` of the first offending byte.
        case invalid(reason: StaticString, offset: Int)
        /// Valid so far, but nested deeper than ``maxDepth``.
        case tooDeep
    }

    /// Deepest nesting of arrays and objects accepted (the top-level value counts as 1).
    static let maxDepth = 128

    private let bytes: UnsafeRawBufferPointer
    private var i = 0
    private var env = Envelope()
    /// Set on the first error (or too deep a frame): the scan stops.
    private var stopped = false
    private var reason: StaticString = ""
    private var errorOffset = 0
    private var tooDeep = false
    private var fractionalIDs: [Int] = []
    /// The value being read is the `id` of a message (the top-level object, or an object in a top-level array).
    private var valueIsID = false
    /// Whether the last number read had a fraction or an exponent.
    private var numberIsFractional = false

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Validates a whole frame in one pass.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var s = EnvelopeScanner(bytes)
        let isObject = s.document()
        if s.tooDeep { return .tooDeep }
        if s.stopped { return .invalid(reason: s.reason, offset: s.errorOffset) }
        return .valid(isObject ? s.env : nil, fractionalIDs: s.fractionalIDs)
    }

    /// Whether the bytes in `range` are exactly `text`.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount, range.upperBound <= bytes.count else { return false }
        for k in 0..<range.count where bytes[range.lowerBound + k] != text.utf8Start[k] { return false }
        return true
    }

    // MARK: - Grammar (iterative)

    /// The containers open above the current value: bit k of `objects` is set when level k+1 is an object.
    private var depth = 0
    private var objects: (UInt64, UInt64) = (0, 0)

    private var inObject: Bool {
        let k = depth - 1
        return k < 64 ? objects.0 & (1 << UInt64(k)) != 0 : objects.1 & (1 << UInt64(k - 64)) != 0
    }

    private mutating func push(object: Bool) -> Bool {
        guard depth < Self.maxDepth else { tooDeep = true; stopped = true; return false }
        let k = depth
        if k < 64 {
            objects.0 = object ? objects.0 | (1 << UInt64(k)) : objects.0 & ~(1 << UInt64(k))
        } else {
            objects.1 = object ? objects.1 | (1 << UInt64(k - 64)) : objects.1 & ~(1 << UInt64(k - 64))
        }
        depth += 1
        return true
    }

    private enum Expect { case value, key, afterValue }

    /// Validates the frame; returns whether its top-level value is an object.
    private mutating func document() -> Bool {
        skipWhitespace()
        guard i < bytes.count else { return fail("the frame is empty") }
        let isObject = bytes[i] == UInt8(ascii: "{")
        var expect = Expect.value
        /// Start of the value of the top-level member being read, and which member it is.
        var memberStart = 0
        var member = 0
        var element = -1
        while !stopped {
            switch expect {
            case .value:
                guard let c = peek else { return fail("the frame ends where a value should be") }
                if depth == 1 { if isObject { memberStart = i } else { element += 1 } }
                let isID = valueIsID
                valueIsID = false
                switch c {
                case UInt8(ascii: "{"):
                    guard push(object: true) else { return false }
                    i += 1
                    skipWhitespace()
                    if peek == UInt8(ascii: "}") { i += 1; depth -= 1; expect = .afterValue } else { expect = .key }
                case UInt8(ascii: "["):
                    guard push(object: false) else { return false }
                    i += 1
                    skipWhitespace()
                    if peek == UInt8(ascii: "]") { i += 1; depth -= 1; expect = .afterValue } else { expect = .value }
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    expect = .afterValue
                case UInt8(ascii: "t"): guard literal("true") else { return false }; expect = .afterValue
                case UInt8(ascii: "f"): guard literal("false") else { return false }; expect = .afterValue
                case UInt8(ascii: "n"): guard literal("null") else { return false }; expect = .afterValue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard number() else { return false }
                    if isID && numberIsFractional { fractionalIDs.append(max(element, 0)) }
                    expect = .afterValue
                default:
                    return fail(c == UInt8(ascii: "}") || c == UInt8(ascii: "]") ? "a comma or bracket comes where a value should be" : "unexpected character where a value should be")
                }
            case .key:
                guard peek == UInt8(ascii: "\"") else {
                    return fail(peek == UInt8(ascii: "}") ? "a trailing comma before }" : "an object member name must be a string")
                }
                let keyStart = i
                guard let escaped = string() else { return false }
                let key = (keyStart + 1)..<(i - 1)
                if depth == 1 && isObject { member = escaped ? -1 : self.member(key) }
                valueIsID = (depth == 1 && isObject || depth == 2 && !isObject) && Self.equals(bytes, key, "id")
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return fail("a member name must be followed by a colon") }
                i += 1
                skipWhitespace()
                expect = .value
            case .afterValue:
                if depth == 1 && isObject { record(member, memberStart..<i) }
                skipWhitespace()
                if depth == 0 {
                    guard i == bytes.count else { return fail("more text after the JSON value") }
                    return isObject
                }
                guard let c = peek else { return fail("the frame ends inside an array or object") }
                let object = inObject
                if c == UInt8(ascii: ",") {
                    i += 1
                    skipWhitespace()
                    if !object && peek == UInt8(ascii: "]") { return fail("a trailing comma before ]") }
                    expect = object ? .key : .value
                } else if c == UInt8(ascii: object ? "}" : "]") {
                    i += 1
                    depth -= 1
                } else {
                    return fail(object ? "a comma or } should follow an object member" : "a comma or ] should follow an array element")
                }
            }
        }
        return false
    }

    private mutating func record(_ member: Int, _ range: Range<Int>) {
        switch member {
        case -1: env.plain = false
        case 1: if env.jsonrpc != nil { env.plain = false }; env.jsonrpc = range
        case 2: if env.id != nil { env.plain = false }; env.id = range
        case 3: if env.method != nil { env.plain = false }; env.method = range
        case 4: if env.params != nil { env.plain = false }; env.params = range
        case 5: env.hasResultOrError = true
        default: break
        }
    }

    /// 1 jsonrpc, 2 id, 3 method, 4 params, 5 result/error, 0 anything else.
    private func member(_ r: Range<Int>) -> Int {
        func equals(_ s: StaticString) -> Bool { Self.equals(bytes, r, s) }
        if equals("jsonrpc") { return 1 }
        if equals("id") { return 2 }
        if equals("method") { return 3 }
        if equals("params") { return 4 }
        if equals("result") || equals("error") { return 5 }
        return 0
    }

    // MARK: - Tokens

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    /// Records the first error; always false (so callers can `return fail(…)`).
    @discardableResult
    private mutating func fail(_ reason: StaticString) -> Bool {
        if !stopped {
            stopped = true
            self.reason = reason
            errorOffset = i
        }
        return false
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        guard Self.equals(bytes, i..<(i + word.utf8CodeUnitCount), word) else { return fail("unexpected word (only true, false and null are allowed)") }
        i += word.utf8CodeUnitCount
        return true
    }

    private mutating func number() -> Bool {
        numberIsFractional = false
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, isDigit(first) else { return fail("a number needs a digit") }
        i += 1
        if first == UInt8(ascii: "0"), let c = peek, isDigit(c) { return fail("a number must not start with 0") }
        while let c = peek, isDigit(c) { i += 1 }
        if peek == UInt8(ascii: ".") {
            numberIsFractional = true
            i += 1
            guard let c = peek, isDigit(c) else { return fail("a number needs digits after its decimal point") }
            while let c = peek, isDigit(c) { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            numberIsFractional = true
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let c = peek, isDigit(c) else { return fail("a number needs digits in its exponent") }
            while let c = peek, isDigit(c) { i += 1 }
        }
        return true
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    /// Scans a string starting at its opening quote; returns whether it held escapes, or nil when it is invalid.
    private mutating func string() -> Bool? {
        i += 1
        var escaped = false
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return escaped
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { fail("a string is not closed"); return nil }
                escaped = true
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < bytes.count, isHex(bytes[i + 2]), isHex(bytes[i + 3]), isHex(bytes[i + 4]), isHex(bytes[i + 5])
                    else { fail("a \\u escape needs four hex digits"); return nil }
                    i += 6
                default:
                    fail("an unknown escape in a string")
                    return nil
                }
            case 0..<0x20:
                fail("a raw control character in a string (write it as an escape)")
                return nil
            case 0x20..<0x80: i += 1
            default:
                guard utf8Scalar() else { fail("the text is not valid UTF-8"); return nil }
            }
        }
        fail("a string is not closed")
        return nil
    }

    /// Steps over one well-formed multi-byte UTF-8 scalar (no overlongs, surrogates or values past U+10FFFF).
    private mutating func utf8Scalar() -> Bool {
        let b0 = bytes[i]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < bytes.count && range.contains(bytes[i + k])
        }
        switch b0 {
        case 0xC2...0xDF:
            guard cont(1) else { return false }
            i += 2
        case 0xE0:
            guard cont(1, 0xA0...0xBF), cont(2) else { return false }
            i += 3
        case 0xE1...0xEC, 0xEE...0xEF:
            guard cont(1), cont(2) else { return false }
            i += 3
        case 0xED:
            guard cont(1, 0x80...0x9F), cont(2) else { return false }
            i += 3
        case 0xF0:
            guard cont(1, 0x90...0xBF), cont(2), cont(3) else { return false }
            i += 4
        case 0xF1...0xF3:
            guard cont(1), cont(2), cont(3) else { return false }
            i += 4
        case 0xF4:
            guard cont(1, 0x80...0x8F), cont(2), cont(3) else { return false }
            i += 4
        default: return false
        }
        return true
    }
}
