/// A strict one-pass JSON validator that also records where a top-level object's JSON-RPC members are, so
/// the common request shape can skip Foundation's generic envelope decoding. It answers nil for anything it
/// does not fully understand (escaped keys, `\u` escapes, duplicate members, deep nesting, invalid UTF-8 or
/// syntax); the caller then takes the general path, which decides. It never accepts what that path rejects.
struct EnvelopeScanner {
    /// Byte ranges (relative to the frame) of the members that matter; other members are skipped.
    struct Envelope {
        var jsonrpc: Range<Int>?
        var id: Range<Int>?
        var method: Range<Int>?
        var params: Range<Int>?
        var hasResultOrError = false
    }

    private let bytes: UnsafeRawBufferPointer
    private var i = 0
    private static let maxDepth = 64

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The envelope of a frame holding one well-formed JSON object, or nil (see the type's note).
    static func scan(_ bytes: UnsafeRawBufferPointer) -> Envelope? {
        var s = EnvelopeScanner(bytes)
        return s.topLevel()
    }

    private mutating func topLevel() -> Envelope? {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { return nil }
        i += 1
        var env = Envelope()
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipWhitespace()
                let keyStart = i
                guard peek == UInt8(ascii: "\""), let escaped = string(), !escaped else { return nil }
                let key = (keyStart + 1)..<(i - 1)
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return nil }
                i += 1
                skipWhitespace()
                let valueStart = i
                guard value(depth: 1) else { return nil }
                let range = valueStart..<i
                switch member(key) {
                case 1: guard env.jsonrpc == nil else { return nil }; env.jsonrpc = range
                case 2: guard env.id == nil else { return nil }; env.id = range
                case 3: guard env.method == nil else { return nil }; env.method = range
                case 4: guard env.params == nil else { return nil }; env.params = range
                case 5: env.hasResultOrError = true
                default: break
                }
                skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                guard peek == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
        }
        skipWhitespace()
        return i == bytes.count ? env : nil
    }

    /// Whether the bytes in `range` are exactly `text`.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount, range.upperBound <= bytes.count else { return false }
        for k in 0..<range.count where bytes[range.lowerBound + k] != text.utf8Start[k] { return false }
        return true
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

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) -> Bool {
        guard depth <= Self.maxDepth, let c = peek else { return false }
        switch c {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    private mutating func object(depth: Int) -> Bool {
        i += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") { i += 1; return true }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\""), string() != nil else { return false }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return false }
            i += 1
            skipWhitespace()
            guard value(depth: depth + 1) else { return false }
            skipWhitespace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            guard peek == UInt8(ascii: "}") else { return false }
            i += 1
            return true
        }
    }

    private mutating func array(depth: Int) -> Bool {
        i += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") { i += 1; return true }
        while true {
            skipWhitespace()
            guard value(depth: depth + 1) else { return false }
            skipWhitespace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            guard peek == UInt8(ascii: "]") else { return false }
            i += 1
            return true
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        guard Self.equals(bytes, i..<(i + word.utf8CodeUnitCount), word) else { return false }
        i += word.utf8CodeUnitCount
        return true
    }

    private mutating func number() -> Bool {
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, isDigit(first) else { return false }
        i += 1
        if first != UInt8(ascii: "0") { while let c = peek, isDigit(c) { i += 1 } }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard let c = peek, isDigit(c) else { return false }
            while let c = peek, isDigit(c) { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let c = peek, isDigit(c) else { return false }
            while let c = peek, isDigit(c) { i += 1 }
        }
        return true
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Scans a string starting at its opening quote; returns whether it held escapes, or nil when it is invalid
    /// or holds a `\u` escape (left to the general path, which knows about surrogate pairs).
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
                guard i + 1 < bytes.count else { return nil }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    escaped = true
                    i += 2
                default: return nil
                }
            case 0..<0x20: return nil
            case 0x20..<0x80: i += 1
            default:
                guard utf8Scalar() else { return nil }
            }
        }
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
